using System.Text.Json.Nodes;

namespace Flux2.Simulator.Tests;

public sealed class RequestLogTests
{
    [Fact]
    public async Task RecordRequests_KeepsMethodPathAndBody_OfEveryRequest()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.RecordRequests = true);

        await sim.PostOkAsync("fal/fal-ai/flux-2?x=1", new JsonObject { ["prompt"] = "a recorded fox", ["image_size"] = "square" });
        await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Get, "bfl/v1/credits", body: null, auth: null, headers: ("x-key", "k")));

        var requests = sim.Server.Requests.All;
        Assert.Equal(2, requests.Count);
        Assert.Equal(("POST", "/fal/fal-ai/flux-2?x=1"), (requests[0].Method, requests[0].Path));
        Assert.Equal("a recorded fox", (string?)JsonNode.Parse(requests[0].Body)!["prompt"]);
        Assert.Equal(("GET", "/bfl/v1/credits", ""), (requests[1].Method, requests[1].Path, requests[1].Body));
        Assert.Single(sim.Server.Requests.Under("/fal/"));

        sim.Server.Requests.Clear();
        Assert.Empty(sim.Server.Requests.All);
    }

    [Fact]
    public async Task ByDefault_NothingIsRecorded()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        await sim.PostOkAsync("fal/fal-ai/flux-2", new JsonObject { ["prompt"] = "p", ["image_size"] = "square" });

        Assert.Empty(sim.Server.Requests.All);
        Assert.Equal(1, sim.Server.Counters.Get("fal", "sync"));
    }
}
