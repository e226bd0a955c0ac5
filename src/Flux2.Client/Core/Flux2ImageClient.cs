using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Flux2.Client;

/// <summary>
/// The core of the caller: resolves the provider and its key, plans the request with <see cref="Flux2RequestPlanner"/>, fans the
/// plan out into parallel provider calls, and merges their answers into one normalized result. Policies (telemetry, failover,
/// budgets, per-provider limits) are layers around it, composed by <see cref="Flux2ClientBuilder"/>.
/// </summary>
internal sealed partial class Flux2ImageClient : IFlux2Client
{
    private readonly Flux2ProviderResolver _resolver;
    private readonly IOptions<Flux2ClientOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates the core over the provider adapters (already wrapped in whatever per-call layers the host chose).</summary>
    public Flux2ImageClient(
        IEnumerable<IFlux2Provider> providers,
        IOptions<Flux2ClientOptions> options,
        TimeProvider? timeProvider = null,
        ILogger<Flux2ImageClient>? logger = null,
        IFlux2OfflineFallback? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _resolver = new Flux2ProviderResolver(providers, options, fallback, _logger);
    }

    /// <inheritdoc/>
    public IReadOnlyList<Flux2ModelCapabilities> Capabilities => _resolver.Capabilities;

    /// <inheritdoc/>
    public async Task<Flux2ImageResult> GenerateAsync(Flux2ImageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        long started = _timeProvider.GetTimestamp();
        DateTimeOffset startedAt = _timeProvider.GetUtcNow();
        Flux2CallPlan plan = await PlanAsync(request, cancellationToken).ConfigureAwait(false);
        LogSending(_logger, plan.Provider.Name, plan.Capabilities.Model, plan.Calls.Count, plan.ImageCount, plan.Endpoint.Simulated);
        Task<Flux2ProviderResponse>[] calls = [.. plan.Calls.Select(call => CallAsync(plan.Provider, call, cancellationToken))];
        try
        {
            await Task.WhenAll(calls).ConfigureAwait(false);
        }
        catch (Exception) when (calls.Any(t => t.IsCompletedSuccessfully) || calls.All(t => t.Exception?.InnerException is Flux2ContentFilteredException))
        {
            // Some calls succeeded, or every call was filtered: the merge says so.
        }
        catch (Exception ex)
        {
            if (ex is OperationCanceledException || calls.Any(t => t.IsCanceled))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            // A call that may have started a paid job decides what the caller learns: layers must not resend or refund it.
            List<Flux2Exception> errors = [.. calls.Select(t => t.Exception?.InnerException).OfType<Flux2Exception>()];
            throw errors.FirstOrDefault(e => e.OutcomeUnknown) ?? errors.FirstOrDefault() ?? ex;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Merge(plan, calls, started, startedAt);
    }

    /// <inheritdoc/>
    public async Task<Flux2CostEstimate> EstimateAsync(Flux2ImageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Flux2CallPlan plan = await PlanAsync(request, cancellationToken).ConfigureAwait(false);
        Flux2ProviderRequest first = plan.Calls[0];
        return new Flux2CostEstimate
        {
            Provider = plan.Provider.Name,
            Model = plan.Capabilities.Model,
            ImageCount = plan.ImageCount,
            Width = first.Width,
            Height = first.Height,
            EstimatedUsd = plan.EstimatedUsd,
            Simulated = plan.Endpoint.Simulated,
        };
    }

    private async Task<Flux2CallPlan> PlanAsync(Flux2ImageRequest request, CancellationToken cancellationToken)
    {
        string model = Flux2RequestPlanner.Validate(request, _options.Value.Model);
        (IFlux2Provider provider, Flux2ProviderEndpoint endpoint) = await _resolver.ResolveAsync(request.Provider, cancellationToken).ConfigureAwait(false);
        return Flux2RequestPlanner.Plan(request, provider, _resolver.RowFor(provider, model), endpoint, Capabilities);
    }

    private static async Task<Flux2ProviderResponse> CallAsync(IFlux2Provider provider, Flux2ProviderRequest call, CancellationToken cancellationToken)
    {
        using Activity? activity = Flux2Telemetry.ActivitySource.StartActivity("flux2.provider_call", ActivityKind.Client);
        activity?.SetTag("flux2.provider", provider.Name);
        activity?.SetTag("flux2.model", call.Capabilities.Model);
        activity?.SetTag("flux2.num_images", call.NumImages);
        var tracked = new Flux2AcceptedJobProgress(call.Progress);
        try
        {
            Flux2ProviderResponse response = await provider.GenerateAsync(call with { Progress = tracked }, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("flux2.request_id", response.RequestId);
            return response;
        }
        catch (Flux2Exception ex) when (tracked.MarkIfAccepted(ex) is var marked && !ReferenceEquals(marked, ex))
        {
            throw marked;
        }
    }

    private Flux2ImageResult Merge(Flux2CallPlan plan, Task<Flux2ProviderResponse>[] calls, long started, DateTimeOffset startedAt)
    {
        string provider = plan.Provider.Name;
        var responses = calls.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).ToList();
        var errors = calls.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).ToList();
        var warnings = new List<string>(plan.Warnings);
        var images = new List<Flux2Image>();
        var reasons = new List<string>();
        int filtered = 0;
        for (int i = 0; i < calls.Length; i++)
        {
            if (calls[i].IsCompletedSuccessfully)
            {
                Flux2ProviderResponse response = calls[i].Result;
                long? callSeed = response.Seed ?? plan.Calls[i].Seed;
                images.AddRange(calls.Length > 1 && callSeed is not null && response.Images.Count == 1
                    ? response.Images.Select(image => image.Seed is null ? image.WithSeed(callSeed) : image)
                    : response.Images);
                filtered += response.FilteredCount;
                reasons.AddRange(response.ModerationReasons);
                warnings.AddRange(response.Warnings);
            }
            else if (calls[i].Exception?.InnerException is Flux2ContentFilteredException refused)
            {
                filtered += plan.Calls[i].NumImages;
                reasons.AddRange(refused.Reasons);
            }
        }

        foreach (Exception error in errors.Where(e => e is not Flux2ContentFilteredException))
        {
            warnings.Add($"one of {calls.Length} {provider} calls failed and its images are missing: {error.Message}");
        }

        if (images.Count == 0)
        {
            Flux2ContentFilteredException? first = errors.OfType<Flux2ContentFilteredException>().FirstOrDefault();
            if (filtered > 0 || first is not null)
            {
                string reasonText = reasons.Count > 0 ? $" Reasons: {string.Join("; ", reasons.Distinct())}." : "";
                throw new Flux2ContentFilteredException(
                    first?.Message ?? $"{provider}'s safety checker filtered every image ({filtered} of {plan.ImageCount}).{reasonText} Rephrase the prompt or raise safety_tolerance where the model allows it.",
                    [.. reasons.Distinct()],
                    first)
                {
                    Provider = provider,
                    InputRefused = first?.InputRefused ?? false,
                    RequestId = first?.RequestId ?? JoinIds(responses),
                    StatusCode = first?.StatusCode,
                    ProviderErrorType = first?.ProviderErrorType,
                };
            }

            throw new Flux2Exception(Flux2ErrorKind.EmptyResult, $"{provider} finished but returned no image; try again.") { Provider = provider, RequestId = JoinIds(responses) };
        }

        Flux2Moderation? moderation = null;
        if (filtered > 0)
        {
            moderation = new Flux2Moderation { FilteredCount = filtered, Reasons = [.. reasons.Distinct()] };
            warnings.Add($"{filtered} of {plan.ImageCount} image(s) were filtered by {provider}'s safety checker; the {images.Count} safe image(s) are returned.");
        }

        return new Flux2ImageResult
        {
            Images = images,
            Seed = responses.Select(r => r.Seed).FirstOrDefault(s => s is not null) ?? plan.Calls[0].Seed,
            Provider = provider,
            Model = plan.Capabilities.Model,
            // What the model ran, when it is not simply the prompt that was sent.
            RevisedPrompt = responses.Select(r => r.RevisedPrompt).FirstOrDefault(p => !string.IsNullOrWhiteSpace(p) && p.Trim() != plan.Calls[0].Prompt.Trim()),
            Grounding = plan.Grounding,
            RequestId = JoinIds(responses),
            Timings = new Flux2Timings
            {
                Queue = responses.Any(r => r.QueueTime is not null) ? responses.Max(r => r.QueueTime ?? TimeSpan.Zero) : null,
                Inference = responses.Any(r => r.InferenceTime is not null) ? responses.Max(r => r.InferenceTime ?? TimeSpan.Zero) : null,
                Total = _timeProvider.GetElapsedTime(started),
            },
            Cost = new Flux2Cost
            {
                EstimatedUsd = plan.EstimatedUsd,
                ActualUsd = responses.Count > 0 && responses.All(r => r.ActualCostUsd is not null) ? responses.Sum(r => r.ActualCostUsd!.Value) : null,
                ProviderReported = responses.Any(r => r.ProviderReportedCost is not null)
                    ? string.Join(", ", responses.Select(r => r.ProviderReportedCost).Where(c => c is not null))
                    : null,
            },
            Moderation = moderation,
            Warnings = warnings,
            Simulated = plan.Endpoint.Simulated,
            Note = plan.Endpoint.Simulated ? _resolver.FallbackNote : null,
            Deadline = startedAt + (_options.Value.GetProviderOrDefault(provider).TotalTimeout is { Ticks: > 0 } total ? total : Flux2Deadline.DefaultTotalTimeout),
            RawRepresentation = responses.Count == 1 ? responses[0].RawRepresentation : responses.Select(r => r.RawRepresentation).ToList(),
        };
    }

    private static string? JoinIds(IEnumerable<Flux2ProviderResponse> responses)
    {
        string joined = string.Join(",", responses.Select(r => r.RequestId).Where(id => !string.IsNullOrEmpty(id)));
        return joined.Length > 0 ? joined : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Generating with {Provider} {Model}: {Calls} call(s) for {Images} image(s) (simulated: {Simulated})")]
    private static partial void LogSending(ILogger logger, string provider, string model, int calls, int images, bool simulated);
}
