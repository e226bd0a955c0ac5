using System.Net;
using Microsoft.Extensions.Options;

namespace Flux2.Client;

/// <summary>
/// Decides which targets a download may reach on a private, loopback or link-local address: every one when
/// <see cref="Flux2DownloadOptions.AllowPrivateNetworks"/> is set; else an entry of <see cref="Flux2DownloadOptions.AllowedPrivateHosts"/>
/// (a bare host allows that host, <c>host:port</c> only that port, a URL only its scheme, host and port); the origin (scheme, host
/// and port) of every configured provider <see cref="Flux2ProviderOptions.BaseUrl"/> and <see cref="Flux2ProviderOptions.QueueBaseUrl"/>;
/// and the origins an <see cref="IFlux2TrustedDownloadOrigins"/> names (the offline simulator's own).
/// </summary>
internal sealed class Flux2DownloadHostPolicy
{
    private readonly IOptionsMonitor<Flux2ClientOptions> _options;
    private readonly IFlux2TrustedDownloadOrigins[] _trusted;

    /// <summary>Creates the policy over the current client options and the registered run-time origins.</summary>
    public Flux2DownloadHostPolicy(IOptionsMonitor<Flux2ClientOptions> options, IEnumerable<IFlux2TrustedDownloadOrigins>? trusted = null)
    {
        _options = options;
        _trusted = trusted?.ToArray() ?? [];
    }

    /// <summary>True when <paramref name="scheme"/>://<paramref name="host"/>:<paramref name="port"/> may be (or resolve to) a private, loopback or link-local address.</summary>
    public bool AllowsPrivateAddress(string scheme, string host, int port)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(host);
        var options = _options.CurrentValue;
        if (options.Download.AllowPrivateNetworks)
        {
            return true;
        }

        var normalized = Normalize(host);
        foreach (var allowed in options.Download.AllowedPrivateHosts)
        {
            if (!string.IsNullOrWhiteSpace(allowed) && EntryAllows(allowed.Trim(), scheme, normalized, port))
            {
                return true;
            }
        }

        foreach (var provider in options.Providers.Values)
        {
            if (IsOrigin(provider.BaseUrl, scheme, normalized, port) || IsOrigin(provider.QueueBaseUrl, scheme, normalized, port))
            {
                return true;
            }
        }

        foreach (var source in _trusted)
        {
            foreach (var origin in source.Origins)
            {
                if (IsOrigin(origin, scheme, normalized, port))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsOrigin(Uri? uri, string scheme, string normalizedHost, int port) =>
        uri is { IsAbsoluteUri: true }
        && string.Equals(uri.Scheme, scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Normalize(uri.IdnHost), normalizedHost, StringComparison.OrdinalIgnoreCase)
        && uri.Port == port;

    // A URL allows its origin only; "host:port" that port on any scheme; a bare host (or address) the host on any port.
    private static bool EntryAllows(string entry, string scheme, string normalizedHost, int port)
    {
        if (entry.Contains("://", StringComparison.Ordinal))
        {
            return Uri.TryCreate(entry, UriKind.Absolute, out var url) && IsOrigin(url, scheme, normalizedHost, port);
        }

        var bare = Normalize(entry);
        if (IPAddress.TryParse(bare, out _) || !entry.Contains(':', StringComparison.Ordinal))
        {
            return string.Equals(bare, normalizedHost, StringComparison.OrdinalIgnoreCase);
        }

        return Uri.TryCreate("http://" + entry, UriKind.Absolute, out var hostAndPort)
            && string.Equals(Normalize(hostAndPort.IdnHost), normalizedHost, StringComparison.OrdinalIgnoreCase)
            && hostAndPort.Port == port;
    }

    private static string Normalize(string host) => host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.');
}
