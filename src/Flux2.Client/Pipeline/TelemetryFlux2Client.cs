using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Flux2.Client;

/// <summary>
/// The telemetry layer: one <c>flux2.generate</c> activity per call on the <c>Flux2.Client</c> <see cref="ActivitySource"/>, and the
/// <c>Flux2.Client</c> meter's requests, failures (by error kind), duration, images and estimated and actual cost, tagged with the
/// provider that served (after any failover) and the model; a failure is logged with its kind, never with a key.
/// </summary>
public sealed partial class TelemetryFlux2Client : DelegatingFlux2Client
{
    private readonly IOptions<Flux2ClientOptions>? _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Wraps <paramref name="innerClient"/>; <paramref name="options"/> name the default provider and model for failures before resolution.</summary>
    public TelemetryFlux2Client(IFlux2Client innerClient, IOptions<Flux2ClientOptions>? options = null, TimeProvider? timeProvider = null, ILogger<TelemetryFlux2Client>? logger = null)
        : base(innerClient)
    {
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    public override async Task<Flux2ImageResult> GenerateAsync(Flux2ImageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        long started = _timeProvider.GetTimestamp();
        using Activity? activity = Flux2Telemetry.ActivitySource.StartActivity("flux2.generate", ActivityKind.Client);
        string provider = request.Provider ?? _options?.Value.Provider ?? "auto";
        string model = (request.Model ?? _options?.Value.Model ?? "").Trim().ToLowerInvariant();
        try
        {
            Flux2ImageResult result = await InnerClient.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
            KeyValuePair<string, object?> servedBy = Tag("flux2.provider", result.Provider);
            KeyValuePair<string, object?> servedModel = Tag("flux2.model", result.Model);
            activity?.SetTag("flux2.provider", result.Provider);
            activity?.SetTag("flux2.model", result.Model);
            activity?.SetTag("flux2.images", result.Images.Count);
            Flux2Telemetry.Requests.Add(1, servedBy, servedModel);
            Flux2Telemetry.Duration.Record(_timeProvider.GetElapsedTime(started).TotalSeconds, servedBy, servedModel, Tag("flux2.outcome", "success"));
            Flux2Telemetry.Images.Add(result.Images.Count, servedBy, servedModel);
            if (result.Cost.EstimatedUsd is { } estimated)
            {
                Flux2Telemetry.EstimatedCost.Add((double)estimated, servedBy, servedModel);
            }

            if (result.Cost.ActualUsd is { } actual)
            {
                Flux2Telemetry.ActualCost.Add((double)actual, servedBy, servedModel);
            }

            return result;
        }
        catch (Flux2Exception ex)
        {
            KeyValuePair<string, object?> failedAt = Tag("flux2.provider", ex.Provider ?? provider);
            KeyValuePair<string, object?> failedModel = Tag("flux2.model", model);
            string kind = ex.Kind.ToString();
            activity?.SetTag("flux2.provider", ex.Provider ?? provider);
            activity?.SetTag("flux2.model", model);
            activity?.SetTag("flux2.error.kind", kind);
            activity?.SetStatus(ActivityStatusCode.Error, kind);
            Flux2Telemetry.Requests.Add(1, failedAt, failedModel);
            Flux2Telemetry.Failures.Add(1, failedAt, failedModel, Tag("flux2.error.kind", kind));
            Flux2Telemetry.Duration.Record(_timeProvider.GetElapsedTime(started).TotalSeconds, failedAt, failedModel, Tag("flux2.outcome", kind));
            LogFailed(_logger, ex.Provider ?? provider, model, ex.Kind, ex.Message);
            throw;
        }
    }

    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generation with {Provider} {Model} failed ({Kind}): {Message}")]
    private static partial void LogFailed(ILogger logger, string provider, string model, Flux2ErrorKind kind, string message);
}
