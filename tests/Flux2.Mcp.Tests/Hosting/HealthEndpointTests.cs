using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Flux2.Mcp.Tests;

public sealed class HealthEndpointTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Healthz_IsOk_WithoutTheTokenOrALoopbackHost()
    {
        await using var server = await HostingServer.StartAsync(simulator.Server, new Dictionary<string, string> { ["FLUX2_MCP_TOKEN"] = "s3cret-token" });
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "/healthz"));
        request.Headers.Host = "10.1.2.3:8080";

        using var response = await http.SendAsync(request);
        using var mcp = await http.PostAsync(server.Endpoint, new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, mcp.StatusCode);
    }

    [Fact]
    public async Task Readyz_WithAProviderKey_IsOk()
    {
        await using var server = await HostingServer.StartAsync(simulator.Server);

        var (status, body) = await GetAsync(server, "/readyz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body["status"]!.GetValue<string>());
        Assert.Equal("Healthy", body["checks"]!["providers"]!.GetValue<string>());
    }

    [Fact]
    public async Task Readyz_WhenAReadyCheckFails_Is503_WhileHealthzStaysOk()
    {
        await using var server = await HostingServer.StartAsync(simulator.Server, configureServices: services => services.AddHealthChecks()
            .AddCheck("redis", () => HealthCheckResult.Unhealthy("redis unreachable"), tags: [Flux2McpHealthEndpoints.ReadyTag])
            .AddCheck("not-for-readiness", () => HealthCheckResult.Unhealthy("ignored"), tags: ["other"]));

        var (ready, body) = await GetAsync(server, "/readyz");
        var (live, _) = await GetAsync(server, "/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        Assert.Equal("Unhealthy", body["checks"]!["redis"]!.GetValue<string>());
        Assert.Equal("Healthy", body["checks"]!["providers"]!.GetValue<string>());
        Assert.Null(body["checks"]!["not-for-readiness"]);
        Assert.Equal(HttpStatusCode.OK, live);
    }

    [Fact]
    public async Task Readyz_WithNoProviderKey_Is503_UnlessTheSimulatorIsAllowed()
    {
        await using var keyless = await HostingServer.StartAsync(simulator.Server, withKey: false);
        await using var simulated = await HostingServer.StartAsync(simulator.Server, new Dictionary<string, string> { ["Flux2:Mcp:AllowSimulator"] = "true" }, withKey: false);

        var (refused, body) = await GetAsync(keyless, "/readyz");
        var (allowed, _) = await GetAsync(simulated, "/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused);
        Assert.Equal("Unhealthy", body["checks"]!["providers"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, allowed);
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(HostingServer server, string path)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(server.BaseAddress, path));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
