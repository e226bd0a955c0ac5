using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flux2.Client;

/// <summary>
/// The failover layer (opt-in with <c>Flux2:Failover</c>): when a provider is down (unavailable, timed out, unreachable) and
/// certainly did not act on the request, the same request goes to the next provider of the list that serves the model and has a
/// key (checked by planning it, without sending). A refusal, a filtered image, or a job the provider may have started (its
/// outcome unknown, or accepted before the outage) never moves: a second paid job must not result. The result's warnings say
/// which provider failed and which served.
/// </summary>
public sealed partial class FailoverFlux2Client : DelegatingFlux2Client
{
    private readonly IReadOnlyList<string> _providers;
    private readonly ILogger _logger;

    /// <summary>Wraps <paramref name="innerClient"/>, failing over along <paramref name="providers"/> in order.</summary>
    public FailoverFlux2Client(IFlux2Client innerClient, IEnumerable<string> providers, ILogger<FailoverFlux2Client>? logger = null)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(providers);
        _providers = [.. providers.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim())];
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Whether an error may move to another provider: an outage the provider certainly did not act on.</summary>
    public static bool CanFailover(Flux2Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error is not Flux2ContentFilteredException
            && !error.OutcomeUnknown
            && error.Kind is Flux2ErrorKind.ProviderUnavailable or Flux2ErrorKind.Timeout or Flux2ErrorKind.Network;
    }

    /// <inheritdoc/>
    public override async Task<Flux2ImageResult> GenerateAsync(Flux2ImageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_providers.Count == 0)
        {
            return await InnerClient.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var notes = new List<string>();
        var tried = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Flux2ImageRequest current = request;
        while (true)
        {
            try
            {
                Flux2ImageResult result = await InnerClient.GenerateAsync(current, cancellationToken).ConfigureAwait(false);
                return notes.Count == 0 ? result : result.WithWarningsFirst(notes);
            }
            catch (Flux2Exception ex) when (CanFailover(ex))
            {
                string failed = ex.Provider ?? current.Provider ?? "the provider";
                tried.Add(failed);
                Flux2ImageRequest? next = await NextAsync(current, tried, cancellationToken).ConfigureAwait(false);
                if (next is null)
                {
                    throw;
                }

                LogFailover(_logger, failed, next.Provider!, ex.Kind);
                notes.Add($"{failed} failed ({ex.Kind}: {ex.Message}); served by {next.Provider} instead.");
                current = next;
            }
        }
    }

    /// <summary>The request for the next provider of the list that can serve it for real (a key, the model, the request's limits).</summary>
    private async Task<Flux2ImageRequest?> NextAsync(Flux2ImageRequest request, HashSet<string> tried, CancellationToken cancellationToken)
    {
        foreach (string name in _providers)
        {
            if (!tried.Add(name))
            {
                continue;
            }

            Flux2ImageRequest candidate = request.Clone();
            candidate.Provider = name;
            try
            {
                Flux2CostEstimate plan = await InnerClient.EstimateAsync(candidate, cancellationToken).ConfigureAwait(false);
                if (!plan.Simulated)
                {
                    return candidate;
                }

                LogSkipped(_logger, name, "only the offline simulator would answer");
            }
            catch (Flux2Exception planError)
            {
                LogSkipped(_logger, name, planError.Message);
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Provider} unavailable ({Kind}); failing over to {Next}")]
    private static partial void LogFailover(ILogger logger, string provider, string next, Flux2ErrorKind kind);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Failover candidate {Provider} skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string provider, string reason);
}
