using System.Net;
using System.Net.Sockets;

namespace Flux2.Client;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the download client: resolves the host once, drops the
/// addresses the <see cref="Flux2DownloadHostPolicy"/> does not allow, and connects to a vetted address itself,
/// so a DNS answer that changes between the check and the connect (DNS rebinding) cannot reach a private network.
/// </summary>
internal sealed class Flux2GuardedConnector
{
    private readonly Flux2DownloadHostPolicy _policy;

    /// <summary>Creates the connector over a host policy.</summary>
    public Flux2GuardedConnector(Flux2DownloadHostPolicy policy)
    {
        _policy = policy;
    }

    /// <summary>Connects to <paramref name="context"/>'s endpoint, refusing restricted addresses the policy does not allow.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var scheme = context.InitialRequestMessage.RequestUri?.Scheme ?? Uri.UriSchemeHttps;
        var addresses = await ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        var vetted = Vet(scheme, host, port, addresses);

        Exception? last = null;
        foreach (var address in vetted)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>Keeps the addresses of <paramref name="scheme"/>://<paramref name="host"/>:<paramref name="port"/> that may be reached; throws <see cref="Flux2ErrorKind.DownloadRefused"/> when none may.</summary>
    public IReadOnlyList<IPAddress> Vet(string scheme, string host, int port, IReadOnlyList<IPAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        if (_policy.AllowsPrivateAddress(scheme, host, port))
        {
            return addresses;
        }

        var permitted = new List<IPAddress>(addresses.Count);
        string? refusedRange = null;
        foreach (var address in addresses)
        {
            var range = Flux2AddressClassifier.RestrictedRange(address);
            if (range is null)
            {
                permitted.Add(address);
            }
            else
            {
                refusedRange ??= range;
            }
        }

        if (permitted.Count == 0)
        {
            throw Flux2DownloadErrors.PrivateAddress(host, port, refusedRange ?? "no address");
        }

        return permitted;
    }

    private static async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var literal = host.TrimStart('[').TrimEnd(']');
        if (IPAddress.TryParse(literal, out var address))
        {
            return [address];
        }

        return await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
    }
}
