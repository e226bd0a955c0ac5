using Microsoft.Extensions.Options;
using Moq;

namespace Flux2.Client.Tests.Pipeline;

public sealed class BudgetFlux2ClientTests
{
    private readonly Mock<IFlux2Client> _inner = new(MockBehavior.Strict);
    private readonly Flux2ClientOptions _options = new();
    private readonly Flux2LocalBudgetLedger _ledger = new();

    private BudgetFlux2Client Layer() => new(_inner.Object, Options.Create(_options), _ledger);

    private void Costs(decimal? usd) =>
        _inner.Setup(c => c.EstimateAsync(It.IsAny<Flux2ImageRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(PipelineFakes.Estimate("fal", usd));

    [Fact]
    public async Task NoBudgetConfigured_NothingIsEstimatedOrCounted()
    {
        _inner.Setup(c => c.GenerateAsync(It.IsAny<Flux2ImageRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(PipelineFakes.Result("fal"));

        await Layer().GenerateAsync(PipelineFakes.Request());

        _inner.Verify(c => c.EstimateAsync(It.IsAny<Flux2ImageRequest>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal(0m, await _ledger.GetSpentAsync());
    }

    [Fact]
    public async Task ACallAboveThePerCallBudget_IsRefusedBeforeAnythingIsSent()
    {
        _options.MaxCostPerCallUsd = 0.05m;
        Costs(0.12m);

        var error = await Assert.ThrowsAsync<Flux2Exception>(() => Layer().GenerateAsync(PipelineFakes.Request()));

        Assert.Equal(Flux2ErrorKind.BudgetExceeded, error.Kind);
        Assert.Equal("This call would cost about $0.12 on fal, above the $0.05 per-call budget (Flux2:MaxCostPerCallUsd). Ask for fewer or smaller images, a cheaper model, or raise the budget. Nothing was sent.", error.Message);
        _inner.Verify(c => c.GenerateAsync(It.IsAny<Flux2ImageRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task TheProcessBudget_AdmitsCallsUntilTheNextWouldPassIt_ThenRefusesNamingTheSpend()
    {
        _options.MaxCostPerProcessUsd = 0.10m;
        Costs(0.04m);
        _inner.Setup(c => c.GenerateAsync(It.IsAny<Flux2ImageRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(PipelineFakes.Result("fal"));

        await Layer().GenerateAsync(PipelineFakes.Request());
        await Layer().GenerateAsync(PipelineFakes.Request());
        var error = await Assert.ThrowsAsync<Flux2Exception>(() => Layer().GenerateAsync(PipelineFakes.Request()));

        Assert.Equal(Flux2ErrorKind.BudgetExceeded, error.Kind);
        Assert.StartsWith("The spend of this process is about $0.08 of the $0.1 budget (Flux2:MaxCostPerProcessUsd); this call (about $0.04) would exceed it.", error.Message, StringComparison.Ordinal);
        Assert.Equal(0.08m, await _ledger.GetSpentAsync());
        _inner.Verify(c => c.GenerateAsync(It.IsAny<Flux2ImageRequest>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task ACallThatFailedBeforeTheProviderActed_IsRefunded()
    {
        _options.MaxCostPerProcessUsd = 1m;
        Costs(0.04m);
        _inner.Setup(c => c.GenerateAsync(It.IsAny<Flux2ImageRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(PipelineFakes.Outage("fal"));

        await Assert.ThrowsAsync<Flux2Exception>(() => Layer().GenerateAsync(PipelineFakes.Request()));

        Assert.Equal(0m, await _ledger.GetSpentAsync());
    }

    [Fact]
    public async Task ACancelledCall_IsRefunded()
    {
        _options.MaxCostPerProcessUsd = 1m;
        Costs(0.04m);
        _inner.Setup(c => c.GenerateAsync(It.IsAny<Flux2ImageRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(new OperationCanceledException());

        await Assert.ThrowsAsync<OperationCanceledException>(() => Layer().GenerateAsync(PipelineFakes.Request()));

        Assert.Equal(0m, await _ledger.GetSpentAsync());
    }

    [Fact]
    public async Task AJobWhoseOutcomeIsUnknown_StaysCounted()
    {
        _options.MaxCostPerProcessUsd = 1m;
        Costs(0.04m);
        _inner.Setup(c => c.GenerateAsync(It.IsAny<Flux2ImageRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new Flux2Exception(Flux2ErrorKind.Timeout, "fal did not answer the submit.") { Provider = "fal", OutcomeUnknown = true });

        await Assert.ThrowsAsync<Flux2Exception>(() => Layer().GenerateAsync(PipelineFakes.Request()));

        Assert.Equal(0.04m, await _ledger.GetSpentAsync());
    }

    [Fact]
    public async Task AModelWithNoPublishedPrice_IsServed_AndTheResultSaysItWasNotCounted()
    {
        _options.MaxCostPerCallUsd = 0.01m;
        _options.MaxCostPerProcessUsd = 0.01m;
        Costs(null);
        _inner.Setup(c => c.GenerateAsync(It.IsAny<Flux2ImageRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(PipelineFakes.Result("fal", estimatedUsd: null, warnings: "kept"));

        Flux2ImageResult result = await Layer().GenerateAsync(PipelineFakes.Request());

        Assert.Equal(["flux-2-pro on fal has no published price, so this call was not counted against the budget (Flux2:MaxCostPerCallUsd, Flux2:MaxCostPerProcessUsd).", "kept"], result.Warnings);
        Assert.Equal(0m, await _ledger.GetSpentAsync());
    }

    [Fact]
    public async Task TheLedger_NeverLetsTwoCallersBothPassTheLastDollar()
    {
        var ledger = new Flux2LocalBudgetLedger();

        Flux2BudgetReservation[] answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => ledger.TryReserveAsync(0.25m, 1m).AsTask())));

        Assert.Equal(4, answers.Count(a => a.Reserved));
        Assert.Equal(1m, await ledger.GetSpentAsync());
    }
}
