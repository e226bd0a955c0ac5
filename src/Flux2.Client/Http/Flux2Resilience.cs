using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Flux2.Client;

/// <summary>
/// The resilience pipeline of each provider's named HttpClient, described by <see cref="Flux2ProviderOptions"/>: retries with
/// jittered exponential back-off that honour Retry-After / retry-after-ms, a circuit breaker, and a per-attempt time-out read from
/// the request (<see cref="Flux2Http.AttemptTimeout"/>). Paid submits (<see cref="Flux2RetryMode.NotIdempotent"/>) are sent again
/// only after an answer the provider's rules name as repeatable (<see cref="Flux2ProviderRules"/>). The whole call, retries, polls
/// and queueing included, is bounded by <c>TotalTimeout</c> one level up (<see cref="Flux2Deadline"/>), not here.
/// </summary>
internal static class Flux2Resilience
{
    /// <summary>Per-attempt time-out when a request names none.</summary>
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Adds the provider's pipeline to its named client.</summary>
    public static IHttpClientBuilder AddFlux2Resilience(this IHttpClientBuilder builder, string provider)
    {
        builder.AddResilienceHandler("flux2", (pipeline, context) =>
        {
            Flux2ClientOptions clientOptions = context.ServiceProvider.GetRequiredService<IOptions<Flux2ClientOptions>>().Value;
            Flux2ProviderOptions options = clientOptions.Providers.TryGetValue(provider, out var configured) ? configured : new Flux2ProviderOptions();
            ILogger logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Flux2.Client.Http");
            TimeProvider timeProvider = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
            TimeSpan maxDelay = options.MaxRetryDelay;

            if (options.MaxRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    Name = "retry",
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = Positive(options.RetryBaseDelay, TimeSpan.FromMilliseconds(500)),
                    MaxDelay = maxDelay,
                    ShouldRetryAfterHeader = false,
                    ShouldHandle = args => ValueTask.FromResult(
                        (options.RetryRateLimited || args.Outcome.Result is not { StatusCode: HttpStatusCode.TooManyRequests })
                        && ShouldRetry(args.Outcome, args.Context, maxDelay, timeProvider)),
                    DelayGenerator = args =>
                    {
                        TimeSpan? asked = args.Outcome.Result is { } response ? Flux2RetryAfter.Parse(response, timeProvider) : null;
                        return ValueTask.FromResult(asked is { } wait ? (TimeSpan?)AfterRetryAfter(wait, maxDelay) : null);
                    },
                    OnRetry = args =>
                    {
                        Flux2Telemetry.Retries.Add(1, new KeyValuePair<string, object?>("flux2.provider", provider));
                        HttpRequestMessage? request = args.Context.GetRequestMessage();
                        string cause = args.Outcome.Result is { } failed
                            ? ((int)failed.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
                            : args.Outcome.Exception?.GetType().Name ?? "a failure";
                        IProgress<Flux2Progress>? progress = request is not null && request.Options.TryGetValue(Flux2Http.Progress, out var sink) ? sink : null;
                        progress?.Report(new Flux2Progress
                        {
                            Status = Flux2ProgressStatus.Retrying,
                            Provider = provider,
                            Message = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{provider} answered {cause}; retrying in {args.RetryDelay.TotalSeconds:0.#} s (attempt {args.AttemptNumber + 2} of {options.MaxRetries + 1})"),
                        });
                        logger.LogInformation(
                            "Retrying {Method} {Path} to {Provider} in {Delay} ms (attempt {Attempt}) after {Outcome}",
                            request?.Method,
                            request?.RequestUri?.AbsolutePath,
                            provider,
                            (long)args.RetryDelay.TotalMilliseconds,
                            args.AttemptNumber + 1,
                            args.Outcome.Result is { } r ? ((int)r.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name);
                        return ValueTask.CompletedTask;
                    },
                });
            }

            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                Name = "circuit-breaker",
                FailureRatio = Math.Clamp(options.CircuitBreakerFailureRatio, 0.01, 1),
                MinimumThroughput = Math.Max(2, options.CircuitBreakerMinimumThroughput),
                SamplingDuration = Positive(options.CircuitBreakerSamplingDuration, TimeSpan.FromSeconds(30)),
                BreakDuration = Positive(options.CircuitBreakerBreakDuration, TimeSpan.FromSeconds(15)),
                ShouldHandle = args => ValueTask.FromResult(IsOutage(args.Outcome)),
            });

            pipeline.AddTimeout(new HttpTimeoutStrategyOptions
            {
                Name = "attempt",
                TimeoutGenerator = args =>
                {
                    HttpRequestMessage? request = args.Context.GetRequestMessage();
                    TimeSpan timeout = request is not null && request.Options.TryGetValue(Flux2Http.AttemptTimeout, out var t) && t > TimeSpan.Zero ? t : DefaultAttemptTimeout;
                    return ValueTask.FromResult(timeout);
                },
            });
        });
        return builder;
    }

    /// <summary>
    /// The wait before retrying after a provider asked for <paramref name="wait"/>: at least that, plus a little jitter
    /// (up to 10 %, at most 250 ms) so that many callers told the same moment do not all arrive at once and lose again.
    /// </summary>
    internal static TimeSpan AfterRetryAfter(TimeSpan wait, TimeSpan maxDelay)
    {
        TimeSpan jitter = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(wait.TotalMilliseconds * 0.1, 250));
        TimeSpan total = wait + jitter;
        return total > maxDelay ? maxDelay : total;
    }

    /// <summary>
    /// Whether an outcome may be retried: idempotent requests on 408, 429, 5xx, connection failures and attempt time-outs;
    /// paid submits only on a refused connection or a status the provider's rules name as repeatable (<see cref="Flux2Http.Rules"/>,
    /// <see cref="Flux2ProviderRules.Conservative"/> when unset), never after a time-out or a connection dropped mid-request. A
    /// Retry-After longer than <paramref name="maxDelay"/> is not waited for.
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan maxDelay, TimeProvider timeProvider)
    {
        HttpRequestMessage? request = context.GetRequestMessage();
        bool idempotent = request is null
            || (request.Options.TryGetValue(Flux2Http.RetryMode, out var mode)
                ? mode == Flux2RetryMode.Idempotent
                : request.Method != HttpMethod.Post && request.Method != HttpMethod.Patch);

        if (outcome.Exception is { } exception)
        {
            return exception switch
            {
                OperationCanceledException when context.CancellationToken.IsCancellationRequested => false,
                BrokenCircuitException => false,
                TimeoutRejectedException => idempotent,
                HttpRequestException http => idempotent || http.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError,
                _ => false,
            };
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        int status = (int)response.StatusCode;
        bool transient = idempotent
            ? status is 408 or 429 or (>= 500 and not 501 and not 505)
            : status is not (408 or 504) && RulesOf(request).Repeats(status);
        if (!transient)
        {
            return false;
        }

        // fal marks a failure as not worth retrying with X-Fal-Retryable: false.
        if (response.Headers.TryGetValues("X-Fal-Retryable", out var retryable) && retryable.Any(v => string.Equals(v, "false", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        TimeSpan? asked = Flux2RetryAfter.Parse(response, timeProvider);
        return asked is null || asked <= maxDelay;
    }

    /// <summary>The provider's rules for a paid request: its own, or <see cref="Flux2ProviderRules.Conservative"/>.</summary>
    internal static Flux2ProviderRules RulesOf(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Flux2Http.Rules, out var rules) ? rules : Flux2ProviderRules.Conservative;

    /// <summary>Whether an outcome counts against the provider's health (5xx, 408, transport failures, attempt time-outs; not 429 or 4xx).</summary>
    internal static bool IsOutage(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout,
        _ => false,
    };

    private static TimeSpan Positive(TimeSpan value, TimeSpan fallback) => value > TimeSpan.Zero ? value : fallback;
}
