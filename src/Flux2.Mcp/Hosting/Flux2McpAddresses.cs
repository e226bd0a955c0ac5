using System.Net;

namespace Flux2.Mcp;

/// <summary>Reads hosts out of Kestrel URL lists and tells loopback from the rest.</summary>
internal static class Flux2McpAddresses
{
    /// <summary>The host part of each URL in a ';'-separated list (brackets kept for IPv6).</summary>
    public static IReadOnlyList<string> Hosts(string urls) =>
        [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(HostOf)];

    /// <summary>True for localhost and loopback addresses (127.0.0.0/8, ::1).</summary>
    public static bool IsLoopback(string host)
    {
        string name = host.Trim().TrimStart('[').TrimEnd(']');
        if (string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address);
    }

    private static string HostOf(string url)
    {
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        string rest = scheme >= 0 ? url[(scheme + 3)..] : url;
        if (rest.StartsWith('['))
        {
            int close = rest.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? rest[..(close + 1)] : rest;
        }

        int end = rest.IndexOfAny([':', '/']);
        return end < 0 ? rest : rest[..end];
    }
}
