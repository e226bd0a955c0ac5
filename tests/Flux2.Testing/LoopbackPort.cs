using System.Net;
using System.Net.Sockets;

namespace Flux2.Testing;

/// <summary>Free TCP ports on 127.0.0.1, for servers a test starts itself (redis-server, flux2-mcp --http).</summary>
public static class LoopbackPort
{
    /// <summary>A port nothing listens on right now (another process may still take it before the caller binds it).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
