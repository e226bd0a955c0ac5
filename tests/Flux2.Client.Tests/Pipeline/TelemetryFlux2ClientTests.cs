using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Flux2.Client.Tests.Pipeline;

public sealed class TelemetryFlux2ClientTests
{
    // The meter is process-wide: each test tags its results with a provider name of its own and reads only those.
    private readonly string _provider = "telemetry-" + Guid.NewGuid().ToString("N")[..8];
    private readonly Mock<IFlux2Client> _inner = new(MockBehavior.Strict);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task ASuccess_CountsTheRequestImagesAndCosts_AndRecordsItsDuration_TaggedWithWhoServed()
    {
        using var requests = new MetricCollector<long>(null, "Flux2.Client", "flux2.client.requests");
        using var images = new MetricCollector<long>(null, "Flux2.Client", "flux2.client.images");
        using var duration = new MetricCollector<double>(null, "Flux2.Client", "flux2.client.duration");
        using var estimated = new MetricCollector<double>(null, "Flux2.Client", "flux2.client.cost.estimated");
        using var actual = new MetricCollector<double>(null, "Flux2.Client", "flux2.client.cost.actual");
        _inner.Setup(c => c.GenerateAsync(It.IsAny<Flux2ImageRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async () =>
            {
                await Task.Yield();
                _time.Advance(TimeSpan.FromSeconds(2.5));
                return PipelineFakes.Result(_provider, estimatedUsd: 0.03m, actualUsd: 0.045m);
            });

        await new TelemetryFlux2Client(_inner.Object, timeProvider: _time).GenerateAsync(PipelineFakes.Request());

        Assert.Equal(1, Mine(requests).Single().Value);
        Assert.Equal(Flux2Models.Pro, Mine(requests).Single().Tags["flux2.model"]);
        Assert.Equal(1, Mine(images).Single().Value);
        var took = Mine(duration).Single();
        Assert.Equal(2.5, took.Value);
        Assert.Equal("success", took.Tags["flux2.outcome"]);
        Assert.Equal(0.03, Mine(estimated).Single().Value, 6);
        Assert.Equal(0.045, Mine(actual).Single().Value, 6);
    }

    [Fact]
    public async Task AFailure_IsCountedByItsKind_AndLoggedWithoutTheKey()
    {
        using var failures = new MetricCollector<long>(null, "Flux2.Client", "flux2.client.failures");
        using var duration = new MetricCollector<double>(null, "Flux2.Client", "flux2.client.duration");
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        _inner.Setup(c => c.GenerateAsync(It.IsAny<Flux2ImageRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new Flux2Exception(Flux2ErrorKind.Authentication, $"{_provider} rejected the API key (401).") { Provider = _provider, StatusCode = 401 });
        var layer = new TelemetryFlux2Client(_inner.Object, timeProvider: _time, logger: loggerFactory.CreateLogger<TelemetryFlux2Client>());

        await Assert.ThrowsAsync<Flux2Exception>(() => layer.GenerateAsync(PipelineFakes.Request()));

        var failure = Mine(failures).Single();
        Assert.Equal("Authentication", failure.Tags["flux2.error.kind"]);
        Assert.Equal("Authentication", Mine(duration).Single().Tags["flux2.outcome"]);
        Assert.Contains(logs.Lines, m => m.Contains($"Generation with {_provider} flux-2-pro failed (Authentication)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EachCall_IsOneGenerateActivity_WithProviderModelAndErrorStatus()
    {
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Flux2.Client",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (stopped)
                {
                    stopped.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        _inner.SetupSequence(c => c.GenerateAsync(It.IsAny<Flux2ImageRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(PipelineFakes.Result(_provider))
            .ThrowsAsync(new Flux2Exception(Flux2ErrorKind.Timeout, "slow") { Provider = _provider });
        var layer = new TelemetryFlux2Client(_inner.Object, timeProvider: _time);

        await layer.GenerateAsync(PipelineFakes.Request());
        await Assert.ThrowsAsync<Flux2Exception>(() => layer.GenerateAsync(PipelineFakes.Request()));

        List<Activity> mine;
        lock (stopped)
        {
            mine = [.. stopped.Where(a => a.OperationName == "flux2.generate" && (string?)a.GetTagItem("flux2.provider") == _provider)];
        }

        Assert.Equal(2, mine.Count);
        Assert.Equal(ActivityStatusCode.Unset, mine[0].Status);
        Assert.Equal(Flux2Models.Pro, mine[0].GetTagItem("flux2.model"));
        Assert.Equal(ActivityStatusCode.Error, mine[1].Status);
        Assert.Equal("Timeout", mine[1].GetTagItem("flux2.error.kind"));
    }

    private List<CollectedMeasurement<T>> Mine<T>(MetricCollector<T> collector)
        where T : struct =>
        [.. collector.GetMeasurementSnapshot().Where(m => m.Tags.TryGetValue("flux2.provider", out object? p) && (string?)p == _provider)];
}
