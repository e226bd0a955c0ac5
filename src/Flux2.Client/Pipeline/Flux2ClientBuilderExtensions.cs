using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flux2.Client;

/// <summary>Adds the built-in layers to a <see cref="Flux2ClientBuilder"/>, each made from the services the pipeline is built with.</summary>
public static class Flux2ClientBuilderExtensions
{
    /// <summary>Adds <see cref="TelemetryFlux2Client"/> (activities, metrics, failure logs).</summary>
    public static Flux2ClientBuilder UseTelemetry(this Flux2ClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) => new TelemetryFlux2Client(
            inner,
            services.GetService<IOptions<Flux2ClientOptions>>(),
            services.GetService<TimeProvider>(),
            services.GetService<ILogger<TelemetryFlux2Client>>()));
    }

    /// <summary>Adds <see cref="FailoverFlux2Client"/> along <paramref name="providers"/>, or along <c>Flux2:Failover</c> when null.</summary>
    public static Flux2ClientBuilder UseFailover(this Flux2ClientBuilder builder, IEnumerable<string>? providers = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) => new FailoverFlux2Client(
            inner,
            providers ?? services.GetService<IOptions<Flux2ClientOptions>>()?.Value.Failover ?? [],
            services.GetService<ILogger<FailoverFlux2Client>>()));
    }

    /// <summary>Adds <see cref="BudgetFlux2Client"/>, spending into the registered <see cref="IFlux2BudgetLedger"/> (this process's when none is).</summary>
    public static Flux2ClientBuilder UseBudget(this Flux2ClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) => new BudgetFlux2Client(
            inner,
            services.GetService<IOptions<Flux2ClientOptions>>() ?? Options.Create(new Flux2ClientOptions()),
            services.GetService<IFlux2BudgetLedger>() ?? new Flux2LocalBudgetLedger()));
    }
}
