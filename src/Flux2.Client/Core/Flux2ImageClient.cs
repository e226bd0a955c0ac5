using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Flux2.Client;

/// <summary>
/// The provider-agnostic caller: resolves the provider and endpoint, validates and maps the request against the
/// capability matrix, enforces budgets, fans out, limits concurrency per provider, fails over on outages (opt-in),
/// and merges the provider responses into one normalized result.
/// </summary>
internal sealed partial class Flux2ImageClient : IFlux2Client, IDisposable
{
    private readonly Dictionary<string, IFlux2Provider> _providers;
    private readonly IOptions<Flux2ClientOptions> _options;
    private readonly IFlux2OfflineFallback? _fallback;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IFlux2ProviderLimiter _limiter;
    private readonly Flux2LocalProviderLimiter? _ownLimiter;
    private readonly Lock _budgetLock = new();
    private decimal _spentUsd;

    /// <summary>Creates the caller over the registered adapters.</summary>
    public Flux2ImageClient(
        IEnumerable<IFlux2Provider> providers,
        IOptions<Flux2ClientOptions> options,
        TimeProvider? timeProvider = null,
        ILogger<Flux2ImageClient>? logger = null,
        IFlux2OfflineFallback? fallback = null,
        IFlux2ProviderLimiter? limiter = null)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(options);
        _providers = new Dictionary<string, IFlux2Provider>(StringComparer.OrdinalIgnoreCase);
        foreach (IFlux2Provider provider in providers)
        {
            _providers.TryAdd(provider.Name, provider);
        }

        _options = options;
        _fallback = fallback;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _limiter = limiter ?? (_ownLimiter = new Flux2LocalProviderLimiter());
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Capabilities = [.. _providers.Values.SelectMany(p => p.Models)];
    }

    /// <inheritdoc/>
    public IReadOnlyList<Flux2ModelCapabilities> Capabilities { get; }

    /// <summary>Estimated dollars spent by this process so far (the per-process budget counts against it).</summary>
    public decimal SpentUsd
    {
        get
        {
            lock (_budgetLock)
            {
                return _spentUsd;
            }
        }
    }

    /// <inheritdoc/>
    public async Task<Flux2ImageResult> GenerateAsync(Flux2ImageRequest request, IProgress<Flux2Progress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Flux2ClientOptions options = _options.Value;
        long started = _timeProvider.GetTimestamp();
        using Activity? activity = Flux2Telemetry.ActivitySource.StartActivity("flux2.generate", ActivityKind.Client);
        string providerTag = request.Provider ?? options.Provider ?? "auto";
        string modelTag = request.Model ?? options.Model;
        try
        {
            string model = Flux2RequestValidator.ValidateCommon(request, options.Model);
            modelTag = model;
            (IFlux2Provider provider, Flux2ProviderEndpoint endpoint) = await ResolveAsync(request, options, cancellationToken).ConfigureAwait(false);
            providerTag = provider.Name;
            activity?.SetTag("flux2.provider", provider.Name);
            activity?.SetTag("flux2.model", model);
            Flux2Telemetry.Requests.Add(1, Tag("flux2.provider", provider.Name), Tag("flux2.model", model));

            Flux2CallPlan plan = Flux2RequestValidator.Plan(request, provider, RowFor(provider, model, options), endpoint, Capabilities);
            List<(IFlux2Provider Provider, Flux2ProviderEndpoint Endpoint)> alternatives = endpoint.Simulated ? [] : FailoverCandidates(provider, model, options);

            var failoverNotes = new List<string>();
            while (true)
            {
                CheckBudget(plan, options);
                try
                {
                    Flux2ImageResult result = await RunAsync(plan, endpoint, started, failoverNotes, progress, cancellationToken).ConfigureAwait(false);
                    providerTag = result.Provider;
                    Flux2Telemetry.Duration.Record(_timeProvider.GetElapsedTime(started).TotalSeconds, Tag("flux2.provider", result.Provider), Tag("flux2.model", model), Tag("flux2.outcome", "success"));
                    Flux2Telemetry.Images.Add(result.Images.Count, Tag("flux2.provider", result.Provider), Tag("flux2.model", model));
                    return result;
                }
                catch (Flux2Exception ex) when (CanFailover(ex) && alternatives.Count > 0)
                {
                    Flux2CallPlan? next = null;
                    while (next is null && alternatives.Count > 0)
                    {
                        (IFlux2Provider candidate, Flux2ProviderEndpoint candidateEndpoint) = alternatives[0];
                        alternatives.RemoveAt(0);
                        try
                        {
                            next = Flux2RequestValidator.Plan(request, candidate, RowFor(candidate, model, options), candidateEndpoint, Capabilities);
                            endpoint = candidateEndpoint;
                        }
                        catch (Flux2Exception planError)
                        {
                            LogFailoverSkipped(_logger, candidate.Name, planError.Message);
                        }
                    }

                    if (next is null)
                    {
                        throw;
                    }

                    LogFailover(_logger, plan.Provider.Name, next.Provider.Name, ex.Kind);
                    failoverNotes.Add($"{plan.Provider.Name} failed ({ex.Kind}: {ex.Message}); served by {next.Provider.Name} instead.");
                    plan = next;
                    providerTag = plan.Provider.Name;
                }
            }
        }
        catch (Flux2Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Kind.ToString());
            Flux2Telemetry.Failures.Add(1, Tag("flux2.provider", ex.Provider ?? providerTag), Tag("flux2.model", modelTag), Tag("flux2.error.kind", ex.Kind.ToString()));
            Flux2Telemetry.Duration.Record(_timeProvider.GetElapsedTime(started).TotalSeconds, Tag("flux2.provider", ex.Provider ?? providerTag), Tag("flux2.model", modelTag), Tag("flux2.outcome", ex.Kind.ToString()));
            LogFailed(_logger, ex.Provider ?? providerTag, modelTag, ex.Kind, ex.Message);
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task<Flux2CostEstimate?> EstimateAsync(Flux2ImageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Flux2ClientOptions options = _options.Value;
        string model = Flux2RequestValidator.ValidateCommon(request, options.Model);
        (IFlux2Provider provider, Flux2ProviderEndpoint endpoint) = await ResolveAsync(request, options, cancellationToken).ConfigureAwait(false);
        Flux2CallPlan plan = Flux2RequestValidator.Plan(request, provider, RowFor(provider, model, options), endpoint, Capabilities);
        Flux2ProviderRequest first = plan.Calls[0];
        return new Flux2CostEstimate
        {
            Provider = provider.Name,
            Model = model,
            ImageCount = plan.ImageCount,
            Width = first.Width,
            Height = first.Height,
            EstimatedUsd = plan.EstimatedUsd,
            Simulated = endpoint.Simulated,
        };
    }

    /// <inheritdoc/>
    public void Dispose() => _ownLimiter?.Dispose();

    private async Task<Flux2ImageResult> RunAsync(Flux2CallPlan plan, Flux2ProviderEndpoint endpoint, long started, List<string> failoverNotes, IProgress<Flux2Progress>? progress, CancellationToken cancellationToken)
    {
        IFlux2Provider provider = plan.Provider;
        decimal reserved = Reserve(plan.EstimatedUsd);
        if (plan.EstimatedUsd is { } estimate)
        {
            Flux2Telemetry.EstimatedCost.Add((double)estimate, Tag("flux2.provider", provider.Name), Tag("flux2.model", plan.Capabilities.Model));
        }

        LogSending(_logger, provider.Name, plan.Capabilities.Model, plan.Calls.Count, plan.ImageCount, endpoint.Simulated);
        Task<Flux2ProviderResponse>[] tasks = [.. plan.Calls.Select(call => CallAsync(provider, call, progress, cancellationToken))];
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception) when (tasks.Any(t => t.IsCompletedSuccessfully) || tasks.All(t => t.IsFaulted && t.Exception?.InnerException is Flux2ContentFilteredException))
        {
            // Some calls succeeded, or every call was filtered: handled below.
        }
        catch (Exception ex)
        {
            bool charged = tasks.Select(t => t.Exception?.InnerException).OfType<Flux2Exception>().Any(e => e.OutcomeUnknown);
            if (!charged)
            {
                Refund(reserved);
            }

            if (ex is OperationCanceledException || tasks.Any(t => t.IsCanceled))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            throw tasks.Select(t => t.Exception?.InnerException).OfType<Flux2Exception>().FirstOrDefault() ?? ex;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Merge(plan, endpoint, tasks, started, failoverNotes);
    }

    private async Task<Flux2ProviderResponse> CallAsync(IFlux2Provider provider, Flux2ProviderRequest call, IProgress<Flux2Progress>? progress, CancellationToken cancellationToken)
    {
        Flux2ProviderOptions providerOptions = _options.Value.GetProviderOrDefault(provider.Name);
        int limit = Math.Max(1, providerOptions.MaxConcurrency);
        IAsyncDisposable slot = await _limiter.AcquireAsync(
            provider.Name,
            limit,
            () => progress?.Report(new Flux2Progress
            {
                Status = Flux2ProgressStatus.Waiting,
                Provider = provider.Name,
                Message = $"waiting for one of {limit} {provider.Name} slots",
            }),
            cancellationToken).ConfigureAwait(false);
        await using (slot.ConfigureAwait(false))
        {
            await WaitOutPauseAsync(provider.Name, providerOptions.MaxRetryDelay, progress, cancellationToken).ConfigureAwait(false);
            using Activity? activity = Flux2Telemetry.ActivitySource.StartActivity("flux2.provider_call", ActivityKind.Client);
            activity?.SetTag("flux2.provider", provider.Name);
            activity?.SetTag("flux2.model", call.Capabilities.Model);
            activity?.SetTag("flux2.num_images", call.NumImages);
            var tracked = new Flux2AcceptedJobProgress(progress);
            Flux2ProgressScope.Current = tracked; // flows into this call's HTTP pipeline (retries report through it)
            try
            {
                Flux2ProviderResponse response = await provider.GenerateAsync(call, tracked, cancellationToken).ConfigureAwait(false);
                activity?.SetTag("flux2.request_id", response.RequestId);
                return response;
            }
            catch (Flux2Exception ex) when (tracked.MarkIfAccepted(ex) is var marked && !ReferenceEquals(marked, ex))
            {
                throw marked;
            }
        }
    }

    private Flux2ImageResult Merge(Flux2CallPlan plan, Flux2ProviderEndpoint endpoint, Task<Flux2ProviderResponse>[] tasks, long started, List<string> failoverNotes)
    {
        var responses = tasks.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).ToList();
        var errors = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).ToList();
        var warnings = new List<string>(failoverNotes);
        warnings.AddRange(plan.Warnings);
        var images = new List<Flux2Image>();
        var reasons = new List<string>();
        int filtered = 0;
        for (int i = 0; i < tasks.Length; i++)
        {
            if (tasks[i].IsCompletedSuccessfully)
            {
                Flux2ProviderResponse response = tasks[i].Result;
                long? callSeed = response.Seed ?? plan.Calls[i].Seed;
                images.AddRange(tasks.Length > 1 && callSeed is not null && response.Images.Count == 1
                    ? response.Images.Select(img => img.Seed is null ? CloneWithSeed(img, callSeed) : img)
                    : response.Images);
                filtered += response.FilteredCount;
                reasons.AddRange(response.ModerationReasons);
                warnings.AddRange(response.Warnings);
            }
            else if (tasks[i].Exception?.InnerException is Flux2ContentFilteredException cf)
            {
                filtered += plan.Calls[i].NumImages;
                reasons.AddRange(cf.Reasons);
            }
        }

        foreach (Exception error in errors.Where(e => e is not Flux2ContentFilteredException))
        {
            warnings.Add($"one of {tasks.Length} {plan.Provider.Name} calls failed and its images are missing: {error.Message}");
        }

        if (images.Count == 0)
        {
            if (filtered > 0 || errors.OfType<Flux2ContentFilteredException>().Any())
            {
                Flux2ContentFilteredException? first = errors.OfType<Flux2ContentFilteredException>().FirstOrDefault();
                string reasonText = reasons.Count > 0 ? $" Reasons: {string.Join("; ", reasons.Distinct())}." : "";
                throw new Flux2ContentFilteredException(
                    first?.Message ?? $"{plan.Provider.Name}'s safety checker filtered every image ({filtered} of {plan.ImageCount}).{reasonText} Rephrase the prompt or raise safety_tolerance where the model allows it.",
                    [.. reasons.Distinct()],
                    first)
                {
                    Provider = plan.Provider.Name,
                    InputRefused = first?.InputRefused ?? false,
                    RequestId = first?.RequestId ?? JoinIds(responses),
                    StatusCode = first?.StatusCode,
                    ProviderErrorType = first?.ProviderErrorType,
                };
            }

            throw new Flux2Exception(Flux2ErrorKind.EmptyResult, $"{plan.Provider.Name} finished but returned no image; try again.")
            {
                Provider = plan.Provider.Name,
                RequestId = JoinIds(responses),
            };
        }

        Flux2Moderation? moderation = null;
        if (filtered > 0)
        {
            moderation = new Flux2Moderation { FilteredCount = filtered, Reasons = [.. reasons.Distinct()] };
            warnings.Add($"{filtered} of {plan.ImageCount} image(s) were filtered by {plan.Provider.Name}'s safety checker; the {images.Count} safe image(s) are returned.");
        }

        decimal? actual = responses.Count > 0 && responses.All(r => r.ActualCostUsd is not null) ? responses.Sum(r => r.ActualCostUsd!.Value) : null;
        if (actual is { } a)
        {
            Flux2Telemetry.ActualCost.Add((double)a, Tag("flux2.provider", plan.Provider.Name), Tag("flux2.model", plan.Capabilities.Model));
        }

        string? reported = responses.Any(r => r.ProviderReportedCost is not null)
            ? string.Join(", ", responses.Select(r => r.ProviderReportedCost).Where(c => c is not null))
            : null;

        TimeSpan? queue = responses.Any(r => r.QueueTime is not null) ? responses.Max(r => r.QueueTime ?? TimeSpan.Zero) : null;
        TimeSpan? inference = responses.Any(r => r.InferenceTime is not null) ? responses.Max(r => r.InferenceTime ?? TimeSpan.Zero) : null;

        return new Flux2ImageResult
        {
            Images = images,
            Seed = responses.Select(r => r.Seed).FirstOrDefault(s => s is not null) ?? plan.Calls[0].Seed,
            Provider = plan.Provider.Name,
            Model = plan.Capabilities.Model,
            RequestId = JoinIds(responses),
            Timings = new Flux2Timings { Queue = queue, Inference = inference, Total = _timeProvider.GetElapsedTime(started) },
            Cost = new Flux2Cost { EstimatedUsd = plan.EstimatedUsd, ActualUsd = actual, ProviderReported = reported },
            Moderation = moderation,
            Warnings = warnings,
            Simulated = endpoint.Simulated,
            Note = endpoint.Simulated ? _fallback?.Note : null,
            RawRepresentation = responses.Count == 1 ? responses[0].RawRepresentation : responses.Select(r => r.RawRepresentation).ToList(),
        };
    }

    private static Flux2Image CloneWithSeed(Flux2Image image, long? seed) => new()
    {
        Url = image.Url,
        Data = image.Data,
        ContentType = image.ContentType,
        Width = image.Width,
        Height = image.Height,
        ExpiresAt = image.ExpiresAt,
        Seed = seed,
    };

    private static string? JoinIds(IEnumerable<Flux2ProviderResponse> responses)
    {
        string joined = string.Join(",", responses.Select(r => r.RequestId).Where(id => !string.IsNullOrEmpty(id)));
        return joined.Length > 0 ? joined : null;
    }

    private async ValueTask<(IFlux2Provider Provider, Flux2ProviderEndpoint Endpoint)> ResolveAsync(Flux2ImageRequest request, Flux2ClientOptions options, CancellationToken cancellationToken)
    {
        string? chosen = !string.IsNullOrWhiteSpace(request.Provider) ? request.Provider.Trim() : !string.IsNullOrWhiteSpace(options.Provider) ? options.Provider.Trim() : null;
        if (chosen is not null)
        {
            IFlux2Provider provider = ProviderNamed(chosen);
            Flux2ProviderEndpoint? endpoint = EndpointFor(provider.Name, options);
            if (endpoint is not null)
            {
                return (provider, endpoint);
            }

            if (_fallback is not null && !AnyKeyConfigured(options))
            {
                return (provider, await FallbackEndpointAsync(provider.Name, cancellationToken).ConfigureAwait(false));
            }

            string variable = Flux2Providers.Find(provider.Name)?.ApiKeyVariable ?? "its key variable";
            throw new Flux2Exception(Flux2ErrorKind.MissingApiKey, $"No API key is configured for {provider.Name}. Set {variable} or Flux2:Providers:{provider.Name}:ApiKey, or choose a provider whose key is set.") { Provider = provider.Name, Parameter = "provider" };
        }

        foreach (string name in AutoSelectOrder())
        {
            if (_providers.TryGetValue(name, out var provider) && EndpointFor(name, options) is { } endpoint)
            {
                return (provider, endpoint);
            }
        }

        if (_fallback is not null)
        {
            IFlux2Provider provider = ProviderNamed(_fallback.DefaultProvider);
            return (provider, await FallbackEndpointAsync(provider.Name, cancellationToken).ConfigureAwait(false));
        }

        string variables = string.Join(", ", Flux2Providers.All.Where(p => p.ApiKeyVariable is not null && _providers.ContainsKey(p.Name)).Select(p => p.ApiKeyVariable));
        throw new Flux2Exception(Flux2ErrorKind.MissingApiKey, $"No FLUX.2 provider key is configured. Set one of {variables} (or Flux2:Providers:{{Name}}:ApiKey), and optionally FLUX2_PROVIDER to choose among several.") { Parameter = "provider" };
    }

    private async ValueTask<Flux2ProviderEndpoint> FallbackEndpointAsync(string provider, CancellationToken cancellationToken)
    {
        Flux2ProviderEndpoint endpoint = await _fallback!.GetEndpointAsync(provider, cancellationToken).ConfigureAwait(false);
        LogSimulated(_logger, provider, _fallback.Note);
        return endpoint with { Simulated = true };
    }

    private IEnumerable<string> AutoSelectOrder() =>
        Flux2Providers.All.Select(p => p.Name)
            .Concat(_providers.Keys.Where(k => Flux2Providers.Find(k) is null).Order(StringComparer.Ordinal));

    private IFlux2Provider ProviderNamed(string name) =>
        _providers.TryGetValue(name, out var provider)
            ? provider
            : throw new Flux2Exception(Flux2ErrorKind.Unsupported, $"Unknown provider '{name}'; available: {string.Join(", ", _providers.Keys.Order(StringComparer.Ordinal))}.") { Parameter = "provider" };

    private bool AnyKeyConfigured(Flux2ClientOptions options) => _providers.Keys.Any(name => ApiKeyFor(name, options) is not null);

    private static string? ApiKeyFor(string provider, Flux2ClientOptions options)
    {
        if (options.Providers.TryGetValue(provider, out var configured) && !string.IsNullOrWhiteSpace(configured.ApiKey))
        {
            return configured.ApiKey.Trim();
        }

        string? variable = Flux2Providers.Find(provider)?.ApiKeyVariable;
        string? fromEnvironment = variable is null ? null : options.EnvironmentReader(variable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment.Trim();
    }

    private static Flux2ProviderEndpoint? EndpointFor(string provider, Flux2ClientOptions options)
    {
        string? key = ApiKeyFor(provider, options);
        if (key is null)
        {
            return null;
        }

        Flux2ProviderInfo? info = Flux2Providers.Find(provider);
        options.Providers.TryGetValue(provider, out var configured);
        Uri baseUrl = configured?.BaseUrl ?? info?.DefaultBaseUrl
            ?? throw new Flux2Exception(Flux2ErrorKind.Unsupported, $"Provider '{provider}' has no default URL; set Flux2:Providers:{provider}:BaseUrl.") { Provider = provider };
        return new Flux2ProviderEndpoint
        {
            BaseUrl = baseUrl,
            QueueBaseUrl = configured?.QueueBaseUrl ?? info?.DefaultQueueBaseUrl,
            ApiKey = key,
        };
    }

    private Flux2ModelCapabilities RowFor(IFlux2Provider provider, string model, Flux2ClientOptions options)
    {
        Flux2ModelCapabilities? row = provider.Models.FirstOrDefault(m => string.Equals(m.Model, model, StringComparison.OrdinalIgnoreCase));
        if (row is null)
        {
            string others = string.Join(", ", _providers.Values.Where(p => p.Models.Any(m => m.Model == model)).Select(p => p.Name));
            throw new Flux2Exception(
                Flux2ErrorKind.Unsupported,
                $"{provider.Name} does not serve {model}; it serves {string.Join(", ", provider.Models.Select(m => m.Model))}.{(others.Length > 0 ? $" {model} is served by: {others}." : "")}")
            { Provider = provider.Name, Parameter = "model" };
        }

        return options.Providers.TryGetValue(provider.Name, out var configured) && configured.AttemptTimeout is { } timeout && timeout > TimeSpan.Zero
            ? row with { AttemptTimeout = timeout }
            : row;
    }

    private List<(IFlux2Provider, Flux2ProviderEndpoint)> FailoverCandidates(IFlux2Provider primary, string model, Flux2ClientOptions options)
    {
        var list = new List<(IFlux2Provider, Flux2ProviderEndpoint)>();
        foreach (string name in options.Failover)
        {
            if (string.Equals(name, primary.Name, StringComparison.OrdinalIgnoreCase)
                || !_providers.TryGetValue(name, out var provider)
                || !provider.Models.Any(m => m.Model == model)
                || list.Any(c => c.Item1 == provider))
            {
                continue;
            }

            if (EndpointFor(provider.Name, options) is { } endpoint)
            {
                list.Add((provider, endpoint));
            }
        }

        return list;
    }

    /// <summary>Outages move on; anything the provider may have acted on, or a refusal, does not.</summary>
    private static bool CanFailover(Flux2Exception ex) =>
        ex is not Flux2ContentFilteredException
        && !ex.OutcomeUnknown
        && ex.Kind is Flux2ErrorKind.ProviderUnavailable or Flux2ErrorKind.Timeout or Flux2ErrorKind.Network;

    private void CheckBudget(Flux2CallPlan plan, Flux2ClientOptions options)
    {
        if (plan.EstimatedUsd is not { } estimate)
        {
            return;
        }

        if (options.MaxCostPerCallUsd is { } perCall && estimate > perCall)
        {
            throw new Flux2Exception(Flux2ErrorKind.BudgetExceeded, $"This call would cost about ${estimate:0.####} on {plan.Provider.Name}, above the ${perCall:0.####} per-call budget (Flux2:MaxCostPerCallUsd). Ask for fewer or smaller images, a cheaper model, or raise the budget. Nothing was sent.")
            { Provider = plan.Provider.Name };
        }

        if (options.MaxCostPerProcessUsd is { } perProcess)
        {
            decimal spent = SpentUsd;
            if (spent + estimate > perProcess)
            {
                throw new Flux2Exception(Flux2ErrorKind.BudgetExceeded, $"This process has spent about ${spent:0.####} of its ${perProcess:0.####} budget (Flux2:MaxCostPerProcessUsd); this call (about ${estimate:0.####}) would exceed it. Raise the budget or restart. Nothing was sent.")
                { Provider = plan.Provider.Name };
            }
        }
    }

    private decimal Reserve(decimal? estimate)
    {
        if (estimate is not { } value)
        {
            return 0;
        }

        lock (_budgetLock)
        {
            _spentUsd += value;
        }

        return value;
    }

    private void Refund(decimal amount)
    {
        if (amount == 0)
        {
            return;
        }

        lock (_budgetLock)
        {
            _spentUsd -= amount;
        }
    }

    /// <summary>
    /// Waits while the provider has asked every caller to wait (a 429's Retry-After shared through the limiter); a pause longer
    /// than <paramref name="maxWait"/> (the provider's MaxRetryDelay) fails at once, as a request's own retries would.
    /// </summary>
    private async Task WaitOutPauseAsync(string provider, TimeSpan maxWait, IProgress<Flux2Progress>? progress, CancellationToken cancellationToken)
    {
        TimeSpan pause;
        while ((pause = await _limiter.GetPauseAsync(provider, cancellationToken).ConfigureAwait(false)) > TimeSpan.Zero)
        {
            if (pause > maxWait)
            {
                throw new Flux2Exception(
                    Flux2ErrorKind.RateLimited,
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{provider} is rate limiting: it asked every caller to wait {pause.TotalSeconds:0.#} s (429 Retry-After), longer than Flux2:Providers:{provider}:MaxRetryDelay. Nothing was sent; try again later."))
                { Provider = provider, RetryAfter = pause };
            }

            progress?.Report(new Flux2Progress
            {
                Status = Flux2ProgressStatus.Waiting,
                Provider = provider,
                Message = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{provider} asked every caller to wait {pause.TotalSeconds:0.#} s (rate limited)"),
            });
            await Task.Delay(pause, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);

    [LoggerMessage(Level = LogLevel.Information, Message = "Generating with {Provider} {Model}: {Calls} call(s) for {Images} image(s) (simulated: {Simulated})")]
    private static partial void LogSending(ILogger logger, string provider, string model, int calls, int images, bool simulated);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Provider} unavailable ({Kind}); failing over to {Next}")]
    private static partial void LogFailover(ILogger logger, string provider, string next, Flux2ErrorKind kind);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Failover candidate {Provider} skipped: {Reason}")]
    private static partial void LogFailoverSkipped(ILogger logger, string provider, string reason);

    // The fallback itself announces the simulator once, at start; every result also carries Simulated and the note.
    [LoggerMessage(Level = LogLevel.Debug, Message = "No provider key configured: using the built-in simulator for {Provider}. {Note}")]
    private static partial void LogSimulated(ILogger logger, string provider, string note);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generation with {Provider} {Model} failed ({Kind}): {Message}")]
    private static partial void LogFailed(ILogger logger, string provider, string model, Flux2ErrorKind kind, string message);
}
