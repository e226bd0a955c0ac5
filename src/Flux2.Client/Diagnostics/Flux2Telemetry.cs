using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Flux2.Client;

/// <summary>The caller's traces and metrics: <see cref="ActivitySource"/> and <see cref="Meter"/> both named "Flux2.Client".</summary>
internal static class Flux2Telemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "Flux2.Client";

    /// <summary>Spans: one per generation and one per provider call.</summary>
    public static readonly ActivitySource ActivitySource = new(Name, typeof(Flux2Telemetry).Assembly.GetName().Version?.ToString(3));

    /// <summary>The meter.</summary>
    public static readonly Meter Meter = new(Name, typeof(Flux2Telemetry).Assembly.GetName().Version?.ToString(3));

    /// <summary>Generation requests made, by the provider that served or failed them and the model.</summary>
    public static readonly Counter<long> Requests = Meter.CreateCounter<long>("flux2.client.requests", "{request}", "Generation requests made, by the provider that served or failed them.");

    /// <summary>HTTP retries made by the resilience pipeline, by provider.</summary>
    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("flux2.client.retries", "{retry}", "HTTP attempts retried after a transient failure.");

    /// <summary>Failed generations, by provider and error kind.</summary>
    public static readonly Counter<long> Failures = Meter.CreateCounter<long>("flux2.client.failures", "{request}", "Generation requests that failed, by error kind.");

    /// <summary>Generation latency in seconds, by provider, model and outcome.</summary>
    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("flux2.client.duration", "s", "Wall time of a generation request.");

    /// <summary>Estimated cost in US dollars of requests sent.</summary>
    public static readonly Counter<double> EstimatedCost = Meter.CreateCounter<double>("flux2.client.cost.estimated", "USD", "Estimated cost of generation requests sent.");

    /// <summary>Cost in US dollars the provider reported.</summary>
    public static readonly Counter<double> ActualCost = Meter.CreateCounter<double>("flux2.client.cost.actual", "USD", "Cost reported by providers.");

    /// <summary>Images returned.</summary>
    public static readonly Counter<long> Images = Meter.CreateCounter<long>("flux2.client.images", "{image}", "Images returned to callers.");
}
