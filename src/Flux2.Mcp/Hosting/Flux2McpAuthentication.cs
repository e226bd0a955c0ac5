using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
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

                // RFC 8725 3.1: one algorithm per key, the one the authority published for it (RS256 for an RSA key that names none).
                o.TokenValidationParameters.AlgorithmValidator = IsTheKeysAlgorithm;
                o.Events = new JwtBearerEvents { OnTokenValidated = RefuseCriticalExtensions };
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

    /// <summary>
    /// True when <paramref name="algorithm"/> is the one algorithm <paramref name="key"/> is for: the <c>alg</c> its JWKS entry names,
    /// else RS256 for an RSA key and ES256/ES384/ES512 for an EC key by its curve. Anything else (PS256 or RS512 under an RS256 key,
    /// HMAC under a public key) is refused.
    /// </summary>
    internal static bool IsTheKeysAlgorithm(string algorithm, SecurityKey key, SecurityToken token, TokenValidationParameters parameters) =>
        !string.IsNullOrEmpty(algorithm) && string.Equals(algorithm, AlgorithmOf(key), StringComparison.Ordinal);

    private static string? AlgorithmOf(SecurityKey key) => key switch
    {
        JsonWebKey { Alg.Length: > 0 } jwk => jwk.Alg,
        JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.RSA } => SecurityAlgorithms.RsaSha256,
        JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.EllipticCurve } jwk => jwk.Crv switch
        {
            JsonWebKeyECTypes.P256 => SecurityAlgorithms.EcdsaSha256,
            JsonWebKeyECTypes.P384 => SecurityAlgorithms.EcdsaSha384,
            JsonWebKeyECTypes.P521 => SecurityAlgorithms.EcdsaSha512,
            _ => null,
        },
        RsaSecurityKey or X509SecurityKey => SecurityAlgorithms.RsaSha256,
        ECDsaSecurityKey ec => ec.KeySize switch
        {
            256 => SecurityAlgorithms.EcdsaSha256,
            384 => SecurityAlgorithms.EcdsaSha384,
            521 => SecurityAlgorithms.EcdsaSha512,
            _ => null,
        },
        _ => null,
    };

    /// <summary>RFC 7515 4.1.11: a token that lists critical extensions must be refused by a recipient that understands none of them.</summary>
    private static Task RefuseCriticalExtensions(TokenValidatedContext context)
    {
        if (context.SecurityToken is JsonWebToken token && token.TryGetHeaderValue<object>("crit", out _))
        {
            context.Fail("The token has a 'crit' header: this server understands no critical JWS extensions (RFC 7515 4.1.11).");
        }

        return Task.CompletedTask;
    }

    /// <summary>The identity of a request that carried the static token.</summary>
    public static ClaimsPrincipal StaticTokenPrincipal { get; } =
        new(new ClaimsIdentity([new Claim("sub", "static-token")], StaticTokenType));
}
