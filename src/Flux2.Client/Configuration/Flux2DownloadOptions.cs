namespace Flux2.Client;

/// <summary>Guards and limits of every download and file save, bound from <c>Flux2:Download</c>.</summary>
public sealed class Flux2DownloadOptions
{
    /// <summary>Largest body accepted, in bytes (default 64 MiB).</summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Allow private, loopback and link-local targets everywhere (default false).</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Hosts that may resolve to private addresses even when <see cref="AllowPrivateNetworks"/> is false (provider base URLs are added automatically).</summary>
    public IList<string> AllowedPrivateHosts { get; } = [];

    /// <summary>Time-out of one download (default 2 minutes).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Redirects followed at most (each is checked by the guards again).</summary>
    public int MaxRedirects { get; set; } = 5;
}
