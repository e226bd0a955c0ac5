using System.Net;
using System.Text.Json.Nodes;

namespace Flux2.Simulator.Tests;

public sealed class FilesTests
{
    [Fact]
    public async Task Download_WithEmptyUserAgent_IsRefused403()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var body = await sim.PostOkAsync("fal/fal-ai/flux-2", new JsonObject { ["prompt"] = "p", ["image_size"] = "square" });
        using var bare = new HttpClient();

        var response = await bare.GetAsync(new Uri((string)body["images"]![0]!["url"]!));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(1, sim.Server.Counters.Get("files", "get"));
    }

    [Fact]
    public async Task Download_AfterResultUrlLifetime_Answers404Expired()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.ResultUrlLifetime = TimeSpan.FromSeconds(2));
        var body = await sim.PostOkAsync("fal/fal-ai/flux-2", new JsonObject { ["prompt"] = "p", ["image_size"] = "square" });
        var url = new Uri((string)body["images"]![0]!["url"]!);

        var fresh = await sim.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);

        // The lifetime runs on the simulator's wall clock (its files dialect reads no TimeProvider): poll until it has passed.
        HttpResponseMessage stale = fresh;
        await Eventually.WaitUntilAsync(
            async () => (stale = await sim.Http.GetAsync(url)).StatusCode != HttpStatusCode.OK,
            "the URL stopped answering 200 once its 2 s lifetime passed",
            TimeSpan.FromSeconds(15));

        Assert.Equal("image/png", fresh.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, stale.StatusCode);
        Assert.Contains("expired", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_UnknownFile_Answers404()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var response = await sim.Http.GetAsync(new Uri(sim.Server.BaseUrl, "files/doesnotexist/x.png"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Bulk_StreamsTheRequestedNumberOfBytesStartingWithAPngSignature()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var bytes = await sim.Http.GetByteArrayAsync(new Uri(sim.Server.BaseUrl, "files/bulk/1000000"));

        Assert.Equal(1_000_000, bytes.Length);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal(0, bytes[65536]);
    }

    [Fact]
    public async Task DialectUrl_PointsAtThePrefixOnTheSameServer()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        Assert.Equal(new Uri(sim.Server.BaseUrl, "fal-queue").ToString(), sim.Server.DialectUrl("fal-queue").ToString());
        Assert.Equal("127.0.0.1", sim.Server.BaseUrl.Host);
        Assert.EndsWith("/", sim.Server.BaseUrl.ToString(), StringComparison.Ordinal);
    }
}
