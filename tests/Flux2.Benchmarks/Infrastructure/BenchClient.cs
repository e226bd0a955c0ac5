using Flux2.Client;
using Flux2.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Benchmarks;

/// <summary>The caller as a user would build it (DI <c>AddFlux2Client</c>), with fal pointed at an in-process simulator.</summary>
internal static class BenchClient
{
    /// <summary>The fal key sent to the simulator.</summary>
    public const string ApiKey = "bench-fal-key";

    /// <summary>Builds a service provider whose <see cref="IFlux2Client"/> talks to <paramref name="simulator"/>'s fal dialects.</summary>
    public static ServiceProvider Build(SimulatorServer simulator, string mode, int maxConcurrency = 8, string? outputDirectory = null, Action<Flux2ClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        var services = new ServiceCollection();
        services.AddFlux2Client(configure: options =>
        {
            options.Provider = Flux2Providers.Fal;
            options.OutputDirectory = outputDirectory ?? Path.Combine(Path.GetTempPath(), "flux2-bench", "output");
            Flux2ProviderOptions fal = options.GetProvider(Flux2Providers.Fal);
            fal.ApiKey = ApiKey;
            fal.BaseUrl = simulator.DialectUrl("fal");
            fal.QueueBaseUrl = simulator.DialectUrl("fal-queue");
            fal.MaxConcurrency = maxConcurrency;
            fal.Mode = mode;
            configure?.Invoke(options);
        });
        return services.BuildServiceProvider();
    }
}
