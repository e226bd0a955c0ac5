using Flux2.Client.Tests.Providers;
using Flux2.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Flux2.Client.Tests.Http;

/// <summary>The README's circuit breaker, on a fake clock: it opens after enough failures, refuses calls without sending them, and closes after its break.</summary>
public sealed class CircuitBreakerTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task TheCircuit_OpensAfterFailures_RefusesWithoutSending_AndClosesAfterTheBreak()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Together, "together", p =>
        {
            p.MaxRetries = 0;
            p.CircuitBreakerMinimumThroughput = 2;
            p.CircuitBreakerFailureRatio = 0.5;
            p.CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(30);
            p.CircuitBreakerBreakDuration = TimeSpan.FromSeconds(15);
        }, services: s => s.AddSingleton<TimeProvider>(time));
        harness.Simulator.Faults.Add("together", "generate", SimulatorFaultKind.ServerError, times: 2);

        for (int i = 0; i < 2; i++)
        {
            var failed = await Assert.ThrowsAnyAsync<Flux2Exception>(() => harness.Client.GenerateAsync(Request()));
            Assert.Equal(500, failed.StatusCode);
        }

        var refused = await Assert.ThrowsAnyAsync<Flux2Exception>(() => harness.Client.GenerateAsync(Request()));
        Assert.Equal(Flux2ErrorKind.ProviderUnavailable, refused.Kind);
        Assert.Contains("circuit open", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, harness.Simulator.Counters.Get("together", "generate"));

        time.Advance(TimeSpan.FromSeconds(14));
        await Assert.ThrowsAnyAsync<Flux2Exception>(() => harness.Client.GenerateAsync(Request()));
        Assert.Equal(2, harness.Simulator.Counters.Get("together", "generate"));

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.NotEmpty((await harness.Client.GenerateAsync(Request())).Images);
        Assert.NotEmpty((await harness.Client.GenerateAsync(Request())).Images);
        Assert.Equal(4, harness.Simulator.Counters.Get("together", "generate"));
    }

    private static Flux2ImageRequest Request() => new() { Prompt = "a red bicycle", Model = Flux2Models.Dev, Size = "256x256", Seed = 9 };
}
