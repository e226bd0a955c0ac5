using Moq;

namespace Flux2.Client.Tests.Pipeline;

public sealed class DelegatingFlux2ClientTests
{
    [Fact]
    public async Task ALayerThatOverridesNothing_ForwardsGenerationEstimatesCapabilitiesAndDispose()
    {
        var request = PipelineFakes.Request();
        var result = PipelineFakes.Result("fal");
        var estimate = PipelineFakes.Estimate("fal");
        Flux2ModelCapabilities[] rows = [new() { Provider = "fal", Model = Flux2Models.Pro, ProviderModelId = "fal-ai/flux-2-pro" }];
        using var cts = new CancellationTokenSource();
        var inner = new Mock<IFlux2Client>(MockBehavior.Strict);
        var disposable = inner.As<IDisposable>();
        inner.Setup(c => c.GenerateAsync(request, cts.Token)).ReturnsAsync(result);
        inner.Setup(c => c.EstimateAsync(request, cts.Token)).ReturnsAsync(estimate);
        inner.SetupGet(c => c.Capabilities).Returns(rows);
        disposable.Setup(d => d.Dispose());

        using (var layer = new PassThroughLayer(inner.Object))
        {
            Assert.Same(result, await layer.GenerateAsync(request, cts.Token));
            Assert.Same(estimate, await layer.EstimateAsync(request, cts.Token));
            Assert.Same(rows, layer.Capabilities);
        }

        disposable.Verify(d => d.Dispose(), Times.Once);
    }

    private sealed class PassThroughLayer(IFlux2Client inner) : DelegatingFlux2Client(inner);
}
