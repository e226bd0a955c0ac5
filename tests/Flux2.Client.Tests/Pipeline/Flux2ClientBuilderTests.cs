using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Flux2.Client.Tests.Pipeline;

public sealed class Flux2ClientBuilderTests
{
    [Fact]
    public async Task Build_TheFirstLayerAddedIsTheOutermost()
    {
        var order = new List<string>();
        var core = new Mock<IFlux2Client>();
        core.Setup(c => c.GenerateAsync(It.IsAny<Flux2ImageRequest>(), It.IsAny<CancellationToken>()))
            .Callback(() => order.Add("core"))
            .ReturnsAsync(PipelineFakes.Result("fal"));

        IFlux2Client client = new Flux2ClientBuilder(core.Object)
            .Use(inner => new NamedLayer("first", inner, order))
            .Use((inner, _) => new NamedLayer("second", inner, order))
            .Build();
        await client.GenerateAsync(PipelineFakes.Request());

        Assert.Equal(["first", "second", "core"], order);
        Assert.Equal("first", Assert.IsType<NamedLayer>(client).Name);
    }

    [Fact]
    public void Build_GivesEachLayerTheServicesItIsBuiltWith()
    {
        var services = new ServiceCollection().AddSingleton("a marker").BuildServiceProvider();
        string? seen = null;

        new Flux2ClientBuilder(sp => Mock.Of<IFlux2Client>())
            .Use((inner, sp) =>
            {
                seen = sp.GetRequiredService<string>();
                return inner;
            })
            .Build(services);

        Assert.Equal("a marker", seen);
    }

    [Fact]
    public void Build_ALayerFactoryReturningNull_IsNamedInTheError()
    {
        var builder = new Flux2ClientBuilder(Mock.Of<IFlux2Client>()).Use(_ => null!);

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());

        Assert.Contains("position 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddFlux2Client_ReturnsOneBuilder_WithTheDefaultLayersTelemetryThenFailoverThenBudget()
    {
        var services = new ServiceCollection();
        Flux2ClientBuilder first = services.AddFlux2Client(configure: o => o.EnvironmentReader = _ => null);
        Flux2ClientBuilder again = services.AddFlux2Client();
        var order = new List<string>();
        first.Use(inner => new NamedLayer("mine", inner, order));
        using var provider = services.BuildServiceProvider();

        IFlux2Client client = provider.GetRequiredService<IFlux2Client>();

        Assert.Same(first, again);
        var telemetry = Assert.IsType<TelemetryFlux2Client>(client);
        var failover = Assert.IsType<FailoverFlux2Client>(Inner(telemetry));
        var budget = Assert.IsType<BudgetFlux2Client>(Inner(failover));
        var mine = Assert.IsType<NamedLayer>(Inner(budget));
        Assert.Equal("Flux2ImageClient", Inner(mine).GetType().Name);
    }

    private static IFlux2Client Inner(DelegatingFlux2Client layer) =>
        (IFlux2Client)typeof(DelegatingFlux2Client).GetProperty("InnerClient", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.GetValue(layer)!;

    private sealed class NamedLayer(string name, IFlux2Client inner, List<string> order) : DelegatingFlux2Client(inner)
    {
        public string Name => name;

        public override Task<Flux2ImageResult> GenerateAsync(Flux2ImageRequest request, CancellationToken cancellationToken = default)
        {
            order.Add(name);
            return base.GenerateAsync(request, cancellationToken);
        }
    }
}
