using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Flux2.Mcp.Tests;

/// <summary>
/// A loopback OAuth authorization server as far as a resource server sees one: an OpenID discovery document and a JWKS with an RSA
/// key it made, and tokens it signs with that key (or, for the negative tests, with a key nobody published).
/// </summary>
internal sealed class TestAuthority : IAsyncDisposable
{
    private const string KeyId = "test-key-1";
    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _stranger = RSA.Create(2048);
    private WebApplication? _app;

    public string Issuer { get; private set; } = "";

    public int DiscoveryRequests => Volatile.Read(ref _discoveryRequests);

    private int _discoveryRequests;

    public static async Task<TestAuthority> StartAsync()
    {
        var authority = new TestAuthority();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", () =>
        {
            Interlocked.Increment(ref authority._discoveryRequests);
            return Results.Text(new JsonObject
            {
                ["issuer"] = authority.Issuer,
                ["jwks_uri"] = authority.Issuer + "/jwks",
                ["authorization_endpoint"] = authority.Issuer + "/authorize",
                ["token_endpoint"] = authority.Issuer + "/token",
                ["response_types_supported"] = new JsonArray("code"),
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            }.ToJsonString(), "application/json");
        });
        app.MapGet("/jwks", () =>
        {
            var parameters = authority._key.ExportParameters(includePrivateParameters: false);
            return Results.Text(new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject
                {
                    ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                }),
            }.ToJsonString(), "application/json");
        });
        await app.StartAsync();
        authority._app = app;
        authority.Issuer = TestServer.Address(app).ToString().TrimEnd('/');
        return authority;
    }

    /// <summary>
    /// A signed access token; by default valid for <paramref name="audience"/> for ten minutes, signed RS256 with the published key.
    /// <paramref name="algorithm"/> signs with the same key under another algorithm; <paramref name="headers"/> adds header parameters.
    /// </summary>
    public string Token(string audience, DateTime? expires = null, bool signedByStranger = false, string? issuer = null,
        string algorithm = SecurityAlgorithms.RsaSha256, IDictionary<string, object>? headers = null)
    {
        DateTime until = expires ?? DateTime.UtcNow.AddMinutes(10);
        var key = new RsaSecurityKey(signedByStranger ? _stranger : _key) { KeyId = KeyId };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", "user-1"), new Claim("scope", "images")]),
            IssuedAt = until.AddMinutes(-15),
            NotBefore = until.AddMinutes(-15),
            Expires = until,
            SigningCredentials = new SigningCredentials(key, algorithm),
            AdditionalHeaderClaims = headers,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _key.Dispose();
        _stranger.Dispose();
    }
}
