using System.Diagnostics;
using Flux2.Client.Tests.Providers;
using Flux2.Simulator;

namespace Flux2.Client.Tests.Http;

/// <summary>
/// Every poll of an accepted job (BFL get_result, Replicate urls.get, fal's status stream, status and result) is cut at the configured
/// AttemptTimeout and retried, so one hung or failed poll never fails the job; polls that still fail after their retries give the job
/// up and cancel it where the provider can.
/// </summary>
public sealed class PollResilienceTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(Flux2Providers.Bfl, "bfl", "poll", SimulatorFaultKind.Hang)]
    [InlineData(Flux2Providers.Bfl, "bfl", "poll", SimulatorFaultKind.ServerError)]
    [InlineData(Flux2Providers.Bfl, "bfl", "poll", SimulatorFaultKind.DropConnection)]
    [InlineData(Flux2Providers.Replicate, "replicate", "get", SimulatorFaultKind.Hang)]
    [InlineData(Flux2Providers.Replicate, "replicate", "get", SimulatorFaultKind.ServerError)]
    [InlineData(Flux2Providers.Fal, "fal-queue", "status-stream", SimulatorFaultKind.Hang)]
    [InlineData(Flux2Providers.Fal, "fal-queue", "result", SimulatorFaultKind.Hang)]
    [InlineData(Flux2Providers.Fal, "fal-queue", "result", SimulatorFaultKind.ServerError)]
    public async Task OneBadPoll_IsCutAtTheAttemptTimeoutAndRetried_AndTheJobSucceeds(string provider, string dialect, string operation, SimulatorFaultKind fault)
    {
        using var harness = Harness(provider, dialect);
        harness.Simulator.Options.Latency = TimeSpan.FromMilliseconds(300);
        harness.Simulator.Faults.Add(dialect, operation, fault, times: 1);
        var clock = Stopwatch.StartNew();

        Flux2ImageResult result = await harness.Client.GenerateAsync(Request());

        Assert.Single(result.Images);
        Assert.Equal(1, harness.Simulator.Counters.Get(dialect, Submit(provider)));
        Assert.True(harness.Simulator.Counters.Get(dialect, operation) >= 2, $"{operation} was not tried again");
        // Cut at the configured 1 s, not at the old fixed 15 s per poll.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Theory]
    [InlineData(Flux2Providers.Fal, "fal-queue", "status", 1)]
    [InlineData(Flux2Providers.Replicate, "replicate", "get", 1)]
    [InlineData(Flux2Providers.Bfl, "bfl", "poll", 0)]
    public async Task PollsThatKeepFailing_GiveTheJobUp_AndCancelItWhereTheProviderCan(string provider, string dialect, string operation, int cancels)
    {
        using var harness = Harness(provider, dialect);
        harness.Simulator.Options.Latency = TimeSpan.FromSeconds(30);
        if (provider == Flux2Providers.Fal)
        {
            harness.Simulator.Faults.Add(dialect, "status-stream", SimulatorFaultKind.ServerError, times: 50);
        }

        harness.Simulator.Faults.Add(dialect, operation, SimulatorFaultKind.ServerError, times: 50);

        var error = await Assert.ThrowsAnyAsync<Flux2Exception>(() => harness.Client.GenerateAsync(Request()));

        Assert.Equal(Flux2ErrorKind.ProviderUnavailable, error.Kind);
        Assert.True(error.OutcomeUnknown);
        Assert.NotNull(error.RequestId);
        Assert.Equal(cancels, harness.Simulator.Counters.Get(dialect, "cancel"));
        Assert.Contains(
            cancels == 1 ? $"was cancelled at {provider}" : "BFL's API has no cancel endpoint, so job",
            error.Message,
            StringComparison.Ordinal);
    }

    private AdapterHarness Harness(string provider, string dialect) =>
        AdapterHarness.Create(fixture.Server, provider, dialect == "fal-queue" ? "fal" : dialect, p =>
        {
            p.AttemptTimeout = AttemptTimeout;
            p.TotalTimeout = TimeSpan.FromSeconds(20);
            if (provider == Flux2Providers.Fal)
            {
                p.QueueBaseUrl = fixture.Server.DialectUrl("fal-queue");
            }
        });

    private static string Submit(string provider) => provider switch
    {
        Flux2Providers.Replicate => "create",
        _ => "submit",
    };

    private static Flux2ImageRequest Request() => new() { Prompt = "a kite over dunes", Model = Flux2Models.Pro, Size = "512x512", Seed = 3 };
}
