using Microsoft.Extensions.Options;

namespace Flux2.Client;

/// <summary>
/// Decides which hosts a download may reach on a private address: every host when
/// <see cref="Flux2DownloadOptions.AllowPrivateNetworks"/> is set, else the hosts in
/// <see cref="Flux2DownloadOptions.AllowedPrivateHosts"/> and the hosts of every configured provider
/// <see cref="Flux2ProviderOptions.BaseUrl"/> and <see cref="Flux2ProviderOptions.QueueBaseUrl"/>.
/// </summary>
internal sealed class Flux2DownloadHostPolicy
{
    private readonly IOptionsMonitor<Flux2ClientOptions> _options;

    /// <summary>Creates the policy over the current client options.</summary>
    public Flux2DownloadHostPolicy(IOptionsMonitor<Flux2ClientOptions> options)
    {
        _options = options;
    }

    /// <summary>True when <paramref name="host"/> may resolve to (or be) a private, loopback or link-local address.</summary>
    public bool AllowsPrivateAddress(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var options = _options.CurrentValue;
        if (options.Download.AllowPrivateNetworks)
        {
            return true;
        }

        var normalized = Normalize(host);
        foreach (var allowed in options.Download.AllowedPrivateHosts)
        {
            if (!string.IsNullOrWhiteSpace(allowed) && string.Equals(Normalize(HostOf(allowed)), normalized, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var provider in options.Providers.Values)
        {
            if (MatchesHost(provider.BaseUrl, normalized) || MatchesHost(provider.QueueBaseUrl, normalized))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesHost(Uri? uri, string normalizedHost) =>
        uri is { IsAbsoluteUri: true } && string.Equals(Normalize(uri.IdnHost), normalizedHost, StringComparison.OrdinalIgnoreCase);

    // An allowed entry may be written as a bare host, "host:port" or a whole URL; only the host counts.
    private static string HostOf(string entry)
    {
        var trimmed = entry.Trim();
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) && trimmed.Contains("://", StringComparison.Ordinal))
        {
            return uri.IdnHost;
        }

        if (Uri.TryCreate("http://" + trimmed, UriKind.Absolute, out uri) && !string.IsNullOrEmpty(uri.Host))
        {
            return uri.IdnHost;
        }

        return trimmed;
    }

    private static string Normalize(string host) => host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.');
}
