using System.Net;
using System.Net.Sockets;

namespace Flux2.Client;

/// <summary>
/// Tells public internet addresses from the ones a download must not reach unless allowed: private, loopback,
/// link-local, unique-local, CGNAT, multicast, unspecified, reserved and documentation ranges, for IPv4 and IPv6
/// (IPv4-mapped, IPv4-compatible, NAT64 and 6to4 IPv6 addresses are judged by the IPv4 address they carry).
/// </summary>
internal static class Flux2AddressClassifier
{
    /// <summary>Returns a short name of the restricted range <paramref name="address"/> is in, or null when it is public.</summary>
    public static string? RestrictedRange(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => RestrictedRangeV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => RestrictedRangeV6(address.GetAddressBytes()),
            _ => "non-IP",
        };
    }

    /// <summary>True when <paramref name="address"/> is not a public internet address.</summary>
    public static bool IsRestricted(IPAddress address) => RestrictedRange(address) is not null;

    private static string? RestrictedRangeV4(ReadOnlySpan<byte> b) => b[0] switch
    {
        0 => "unspecified (0.0.0.0/8)",
        10 => "private (10.0.0.0/8)",
        100 when (b[1] & 0xC0) == 64 => "carrier-grade NAT (100.64.0.0/10)",
        127 => "loopback (127.0.0.0/8)",
        169 when b[1] == 254 => "link-local (169.254.0.0/16)",
        172 when (b[1] & 0xF0) == 16 => "private (172.16.0.0/12)",
        192 when b[1] == 168 => "private (192.168.0.0/16)",
        192 when b[1] == 0 && b[2] == 0 => "IETF protocol assignments (192.0.0.0/24)",
        192 when b[1] == 0 && b[2] == 2 => "documentation (192.0.2.0/24)",
        198 when (b[1] & 0xFE) == 18 => "benchmarking (198.18.0.0/15)",
        198 when b[1] == 51 && b[2] == 100 => "documentation (198.51.100.0/24)",
        203 when b[1] == 0 && b[2] == 113 => "documentation (203.0.113.0/24)",
        >= 224 and <= 239 => "multicast (224.0.0.0/4)",
        >= 240 => "reserved (240.0.0.0/4)",
        _ => null,
    };

    private static string? RestrictedRangeV6(ReadOnlySpan<byte> b)
    {
        var firstTwelveZero = b[..12].IndexOfAnyExcept((byte)0) < 0;
        if (firstTwelveZero)
        {
            var last = b[12..];
            if (last.IndexOfAnyExcept((byte)0) < 0)
            {
                return "unspecified (::)";
            }

            if (last[0] == 0 && last[1] == 0 && last[2] == 0 && last[3] == 1)
            {
                return "loopback (::1)";
            }

            // IPv4-compatible (deprecated) ::a.b.c.d: judged by the IPv4 address.
            return RestrictedRangeV4(last);
        }

        // IPv4-mapped ::ffff:a.b.c.d.
        if (b[..10].IndexOfAnyExcept((byte)0) < 0 && b[10] == 0xFF && b[11] == 0xFF)
        {
            return RestrictedRangeV4(b[12..]);
        }

        // NAT64 64:ff9b::/96 carries an IPv4 address in its last 32 bits.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return RestrictedRangeV4(b[12..]);
        }

        // 6to4 2002::/16 carries an IPv4 address in bits 16-47.
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return RestrictedRangeV4(b.Slice(2, 4));
        }

        return b[0] switch
        {
            0xFF => "multicast (ff00::/8)",
            0xFE when (b[1] & 0xC0) == 0x80 => "link-local (fe80::/10)",
            0xFE when (b[1] & 0xC0) == 0xC0 => "site-local (fec0::/10)",
            0xFC or 0xFD => "unique-local (fc00::/7)",
            0x01 when b[1] == 0 && b[2..8].IndexOfAnyExcept((byte)0) < 0 => "discard-only (100::/64)",
            0x20 when b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 => "documentation (2001:db8::/32)",
            _ => null,
        };
    }
}
