using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using ModelContextProtocol.AspNetCore.Authentication;
using ModelContextProtocol.Authentication;

namespace Flux2.Mcp;

/// <summary>
/// OAuth protection of the HTTP endpoint: JWT bearer validation against <c>Flux2:Mcp:Auth:Authority</c> (its OpenID discovery document
/// and keys), and the SDK's MCP authentication handler, which serves the protected resource metadata and answers 401 with
/// <c>WWW-Authenticate: Bearer resource_metadata="..."</c>.
/// </summary>
internal static class Flux2McpAuthentication
{
    /// <summary>The authorization policy the MCP endpoint requires when JWT validation is on.</summary>
    public const string PolicyName = "flux2-mcp";

    /// <summary>The authentication type of a request let in by the static token (<c>FLUX2_MCP_TOKEN</c>).</summary>
    public const string StaticTokenType = "Flux2StaticToken";

    /// <summary>Registers JWT bearer validation, the MCP handler and the policy; refuses (at start-up) an incomplete or insecure set-up.</summary>
    public static void Add(IServiceCollection services, Flux2McpAuthOptions auth)
    {
        Uri authority = auth.Authority ?? throw new InvalidOperationException("No authority configured.");
        if (string.IsNullOrWhiteSpace(auth.Audience))
        {
            throw new Flux2McpStartupException(
                "Flux2:Mcp:Auth:Audience is required with Flux2:Mcp:Auth:Authority: the audience your authorization server puts in "
                + "tokens for this server, usually its public URL (e.g. https://images.example.com/mcp).");
        }

        bool loopback = Flux2McpAddresses.IsLoopback(authority.Host);
        if (!authority.IsAbsoluteUri || (authority.Scheme != Uri.UriSchemeHttps && !(authority.Scheme == Uri.UriSchemeHttp && loopback)))
        {
            throw new Flux2McpStartupException(
                $"Flux2:Mcp:Auth:Authority '{authority}' must be an https URL (http is allowed only for a loopback authority, in tests).");
        }

        string issuer = authority.OriginalString;
        services
            .AddAuthentication(o =>
            {
                o.DefaultAuthenticateScheme = JwtBearerDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = McpAuthenticationDefaults.AuthenticationScheme;
            })
            .AddJwtBearer(o =>
            {
                // Issuer and signing keys come from the authority's discovery document (/.well-known/openid-configuration, jwks_uri).
                o.Authority = issuer;
                o.Audience = auth.Audience;
                o.RequireHttpsMetadata = authority.Scheme == Uri.UriSchemeHttps;
                o.MapInboundClaims = false;
                o.TokenValidationParameters.ValidateIssuer = true;
                o.TokenValidationParameters.ValidateAudience = true;
                o.TokenValidationParameters.ValidateLifetime = true;
                o.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
            })
            .AddMcp(o => o.ResourceMetadata = new ProtectedResourceMetadata
            {
                AuthorizationServers = [issuer],
                ScopesSupported = [.. auth.Scopes],
                BearerMethodsSupported = ["header"],
                ResourceName = "flux2-mcp (FLUX.2 image generation)",
            });
        services.AddAuthorization(o => o.AddPolicy(PolicyName, p => p.RequireAuthenticatedUser()));
    }

    /// <summary>The identity of a request that carried the static token.</summary>
    public static ClaimsPrincipal StaticTokenPrincipal { get; } =
        new(new ClaimsIdentity([new Claim("sub", "static-token")], StaticTokenType));
}
