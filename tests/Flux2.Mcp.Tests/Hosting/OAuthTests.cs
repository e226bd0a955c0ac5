using System.Net;
using System.Text.Json.Nodes;

namespace Flux2.Mcp.Tests;

public sealed class OAuthTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private const string Audience = "https://images.example.test/mcp";

    [Fact]
    public async Task NoToken_Gets401WithResourceMetadata_ThatNamesTheAuthorizationServerAndResource()
    {
        await using var authority = await TestAuthority.StartAsync();
        await using var server = await StartAsync(authority);
        using var raw = new RawMcpHttp();

        var (status, _, response) = await raw.SendAsync(server.Endpoint, "tools/list");
        string challenge = string.Join(", ", response.Headers.WwwAuthenticate.Select(h => h.ToString()));
        var metadataUrl = new Uri(challenge.Split("resource_metadata=\"")[1].Split('"')[0]);
        using var http = new HttpClient();
        var metadata = JsonNode.Parse(await http.GetStringAsync(metadataUrl))!;

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.StartsWith("Bearer ", challenge);
        Assert.Equal(new Uri(server.BaseAddress, "/.well-known/oauth-protected-resource/mcp"), metadataUrl);
        Assert.Equal([authority.Issuer], metadata["authorization_servers"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(server.Endpoint.ToString(), metadata["resource"]!.GetValue<string>());
        Assert.Equal(["images"], metadata["scopes_supported"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    public static TheoryData<string> BadTokens =>
    [
        "wrong audience", "expired", "signed by another key", "other issuer", "not a jwt",
        // Issue 17, item 8: RFC 7515 4.1.11 (an unknown critical extension) and RFC 8725 3.1 (one algorithm per key).
        "unknown crit header", "PS256 under the RS256 key", "RS512 under the RS256 key",
    ];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task BadToken_Gets401(string kind)
    {
        await using var authority = await TestAuthority.StartAsync();
        await using var server = await StartAsync(authority);
        string token = kind switch
        {
            "wrong audience" => authority.Token("https://other.example.test/mcp"),
            "expired" => authority.Token(Audience, expires: DateTime.UtcNow.AddMinutes(-5)),
            "signed by another key" => authority.Token(Audience, signedByStranger: true),
            "other issuer" => authority.Token(Audience, issuer: "https://evil.example.test"),
            "unknown crit header" => authority.Token(Audience, headers: new Dictionary<string, object>
            {
                ["crit"] = new[] { "https://example.test/must-understand" },
                ["https://example.test/must-understand"] = true,
            }),
            "PS256 under the RS256 key" => authority.Token(Audience, algorithm: "PS256"),
            "RS512 under the RS256 key" => authority.Token(Audience, algorithm: "RS512"),
            _ => "not-a-jwt",
        };
        using var raw = new RawMcpHttp { Authorization = "Bearer " + token };

        var (status, _, response) = await raw.SendAsync(server.Endpoint, "tools/list");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Parameter?.Contains("resource_metadata=", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task GoodToken_SdkClientListsAndCallsTools_KeysFetchedFromDiscovery()
    {
        await using var authority = await TestAuthority.StartAsync();
        await using var server = await StartAsync(authority);
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = server.Endpoint,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + authority.Token(Audience) },
        }));

        var tools = await client.ListToolsAsync();
        var result = await client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "a fox", ["size"] = "256x256" });

        Assert.Equal(2, tools.Count);
        Assert.NotEqual(true, result.IsError);
        Assert.True(authority.DiscoveryRequests > 0);
    }

    [Fact]
    public async Task StaticToken_StillWorks_BesideJwt()
    {
        await using var authority = await TestAuthority.StartAsync();
        await using var server = await StartAsync(authority, new Dictionary<string, string> { ["FLUX2_MCP_TOKEN"] = "s3cret-token" });
        using var withStatic = new RawMcpHttp { Authorization = "Bearer s3cret-token" };
        using var withWrong = new RawMcpHttp { Authorization = "Bearer s3cret-tokem" };

        var (ok, list, _) = await withStatic.SendAsync(server.Endpoint, "tools/list");
        var (refused, _, _) = await withWrong.SendAsync(server.Endpoint, "tools/list");

        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(2, list!["result"]!["tools"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.Unauthorized, refused);
    }

    [Fact]
    public async Task Authority_WithoutAudience_RefusesToStart()
    {
        await using var authority = await TestAuthority.StartAsync();
        var settings = TestServer.Settings(simulator.Server, TestServer.NewOutputDirectory(),
            new Dictionary<string, string> { ["Flux2:Mcp:Auth:Authority"] = authority.Issuer });

        var error = Assert.Throws<Flux2McpStartupException>(() => TestServer.BuildHttp(settings));

        Assert.Contains("Flux2:Mcp:Auth:Audience", error.Message);
    }

    [Fact]
    public void Authority_OverPlainHttpOffLoopback_RefusesToStart()
    {
        var settings = TestServer.Settings(simulator.Server, TestServer.NewOutputDirectory(), new Dictionary<string, string>
        {
            ["Flux2:Mcp:Auth:Authority"] = "http://login.example.test",
            ["Flux2:Mcp:Auth:Audience"] = Audience,
        });

        var error = Assert.Throws<Flux2McpStartupException>(() => TestServer.BuildHttp(settings));

        Assert.Contains("https", error.Message);
    }

    [Fact]
    public async Task NonLoopbackBinding_WithOAuthOnly_Starts()
    {
        await using var authority = await TestAuthority.StartAsync();
        var settings = TestServer.Settings(simulator.Server, TestServer.NewOutputDirectory(), OAuth(authority));
        settings["Flux2:Mcp:SessionMode"] = "Stateless";

        await using var app = TestServer.BuildHttp(settings, "http://0.0.0.0:0");
        await app.StartAsync();

        // It listens on every interface (reached here through loopback), and OAuth guards it: no token is refused, a token is served.
        var endpoint = new Uri($"http://127.0.0.1:{TestServer.Address(app).Port}{Flux2McpHost.HttpPath}");
        using var anonymous = new RawMcpHttp();
        using var signedIn = new RawMcpHttp { Authorization = "Bearer " + authority.Token(Audience) };
        var (refused, _, _) = await anonymous.SendAsync(endpoint, "tools/list");
        var (served, list, _) = await signedIn.SendAsync(endpoint, "tools/list");

        Assert.Equal("0.0.0.0", TestServer.Address(app).Host);
        Assert.Equal(HttpStatusCode.Unauthorized, refused);
        Assert.Equal(HttpStatusCode.OK, served);
        Assert.Equal(2, list!["result"]!["tools"]!.AsArray().Count);
    }

    private Task<HostingServer> StartAsync(TestAuthority authority, IDictionary<string, string>? extra = null)
    {
        var settings = OAuth(authority);
        settings["Flux2:Mcp:SessionMode"] = "Stateless";
        foreach (var pair in extra ?? new Dictionary<string, string>())
        {
            settings[pair.Key] = pair.Value;
        }

        return HostingServer.StartAsync(simulator.Server, settings);
    }

    private static Dictionary<string, string> OAuth(TestAuthority authority) => new()
    {
        ["Flux2:Mcp:Auth:Authority"] = authority.Issuer,
        ["Flux2:Mcp:Auth:Audience"] = Audience,
        ["Flux2:Mcp:Auth:Scopes:0"] = "images",
    };
}
