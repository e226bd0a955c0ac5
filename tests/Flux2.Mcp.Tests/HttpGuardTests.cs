using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Flux2.Mcp.Tests;

public sealed class HttpGuardTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";

    [Fact]
    public void BuildHttp_NonLoopbackWithoutToken_RefusesToStart()
    {
        var settings = TestServer.Settings(simulator.Server, TestServer.NewOutputDirectory());

        var error = Assert.Throws<Flux2McpStartupException>(() => TestServer.BuildHttp(settings, "http://0.0.0.0:0"));

        Assert.Contains("FLUX2_MCP_TOKEN", error.Message);
    }

    [Fact]
    public async Task Http_WithToken_RefusesRequestsWithoutIt()
    {
        var settings = TestServer.Settings(simulator.Server, TestServer.NewOutputDirectory(), new Dictionary<string, string> { ["FLUX2_MCP_TOKEN"] = "s3cret-token" });
        await using var app = TestServer.BuildHttp(settings, "http://0.0.0.0:0");
        await app.StartAsync();
        var endpoint = new Uri($"http://127.0.0.1:{TestServer.Address(app).Port}/mcp");

        using var http = new HttpClient();
        using var anonymous = await http.SendAsync(Post(endpoint));
        using var wrong = await http.SendAsync(Post(endpoint, authorization: "Bearer nope"));
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = endpoint,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer s3cret-token" },
        }));
        var tools = await client.ListToolsAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(2, tools.Count);
    }

    [Theory]
    [InlineData("evil.example", null)]
    [InlineData("127.0.0.1", "http://evil.example")]
    [InlineData("127.0.0.1", "null")]
    public async Task Http_ForeignHostOrOrigin_IsForbidden(string host, string? origin)
    {
        await using var app = TestServer.BuildHttp(TestServer.Settings(simulator.Server, TestServer.NewOutputDirectory()));
        await app.StartAsync();
        var endpoint = new Uri(TestServer.Address(app), "/mcp");

        using var http = new HttpClient();
        var request = Post(endpoint, origin: origin);
        request.Headers.Host = host;
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("localhost", "http://localhost:6274")]
    [InlineData("127.0.0.1", null)]
    public async Task Http_LoopbackHostAndOrigin_AreServed(string host, string? origin)
    {
        await using var app = TestServer.BuildHttp(TestServer.Settings(simulator.Server, TestServer.NewOutputDirectory()));
        await app.StartAsync();
        var endpoint = new Uri(TestServer.Address(app), "/mcp");

        using var http = new HttpClient();
        var request = Post(endpoint, origin: origin);
        request.Headers.Host = host;
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Http_ConfiguredAllowedOrigin_IsServed()
    {
        var settings = TestServer.Settings(simulator.Server, TestServer.NewOutputDirectory(),
            new Dictionary<string, string> { ["Flux2:Mcp:AllowedOrigins:0"] = "https://app.example.com" });
        await using var app = TestServer.BuildHttp(settings);
        await app.StartAsync();

        using var http = new HttpClient();
        using var response = await http.SendAsync(Post(new Uri(TestServer.Address(app), "/mcp"), origin: "https://app.example.com"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static HttpRequestMessage Post(Uri endpoint, string? authorization = null, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(Initialize, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        return request;
    }
}
