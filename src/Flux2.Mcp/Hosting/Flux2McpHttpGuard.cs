using System.Security.Cryptography;
using System.Text;

namespace Flux2.Mcp;

/// <summary>
/// Guards the HTTP endpoint: the Host and Origin headers must be loopback or configured (against DNS rebinding),
/// and when a token is set every request must carry <c>Authorization: Bearer &lt;token&gt;</c>. With JWT validation on
/// (<c>Flux2:Mcp:Auth:Authority</c>), a request with the static token is let in as authenticated and any other is left to the
/// JWT bearer handler (which answers 401 with the protected resource metadata). The health endpoints are exempt: probes come
/// from load balancers with their own Host header and no token.
/// </summary>
internal sealed class Flux2McpHttpGuard
{
    private readonly byte[]? _token;
    private readonly HashSet<string> _hosts;
    private readonly HashSet<string> _origins;
    private readonly bool _anyHost;
    private readonly bool _anyOrigin;
    private readonly bool _jwt;
    private readonly ILogger _logger;

    public Flux2McpHttpGuard(Flux2McpOptions options, IEnumerable<string> boundHosts, ILogger logger)
    {
        _token = string.IsNullOrEmpty(options.Token) ? null : Encoding.UTF8.GetBytes(options.Token);
        _hosts = new HashSet<string>(
            options.AllowedHosts.Concat(boundHosts).Select(h => h.Trim().TrimStart('[').TrimEnd(']')), StringComparer.OrdinalIgnoreCase);
        _origins = new HashSet<string>(options.AllowedOrigins.Select(o => o.Trim().TrimEnd('/')), StringComparer.OrdinalIgnoreCase);
        _anyHost = _hosts.Contains("*");
        _anyOrigin = _origins.Contains("*");
        _jwt = options.Auth.Enabled;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (Flux2McpHealthEndpoints.IsHealthPath(request.Path))
        {
            return next(context);
        }

        string host = request.Host.Host;
        if (!_anyHost && !Flux2McpAddresses.IsLoopback(host) && !_hosts.Contains(host.TrimStart('[').TrimEnd(']')))
        {
            _logger.LogWarning("Refused a request with Host '{Host}' (not loopback, not in Flux2:Mcp:AllowedHosts).", host);
            return RefuseAsync(context, StatusCodes.Status403Forbidden,
                "Host not allowed: add it to Flux2:Mcp:AllowedHosts to serve it (protection against DNS rebinding).");
        }

        string? origin = request.Headers.Origin;
        if (!string.IsNullOrEmpty(origin) && !_anyOrigin && !IsAllowedOrigin(origin))
        {
            _logger.LogWarning("Refused a request with Origin '{Origin}' (not loopback, not in Flux2:Mcp:AllowedOrigins).", origin);
            return RefuseAsync(context, StatusCodes.Status403Forbidden,
                "Origin not allowed: add it to Flux2:Mcp:AllowedOrigins to serve it (protection against DNS rebinding).");
        }

        if (_token is not null && HasToken(request))
        {
            if (_jwt)
            {
                context.User = Flux2McpAuthentication.StaticTokenPrincipal;
            }

            return next(context);
        }

        if (_token is not null && !_jwt)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return RefuseAsync(context, StatusCodes.Status401Unauthorized,
                "Missing or wrong bearer token: send Authorization: Bearer <FLUX2_MCP_TOKEN>.");
        }

        return next(context);
    }

    private bool IsAllowedOrigin(string origin)
    {
        if (_origins.Contains(origin.TrimEnd('/')))
        {
            return true;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && Flux2McpAddresses.IsLoopback(uri.Host);
    }

    private bool HasToken(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        const string Prefix = "Bearer ";
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] given = Encoding.UTF8.GetBytes(header[Prefix.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, _token);
    }

    private static Task RefuseAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message, context.RequestAborted);
    }
}
