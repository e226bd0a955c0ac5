using Flux2.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Flux2.Simulator;

/// <summary>
/// The offline default: serves requests from the in-process <see cref="SimulatorServer"/> when no provider key is configured.
/// The server starts lazily, once, on first use (so it costs nothing at start-up) and stops when the host disposes this object.
/// </summary>
public sealed partial class SimulatorOfflineFallback : IFlux2OfflineFallback, IAsyncDisposable
{
    /// <summary>The API key sent to the simulator; it accepts any non-empty key.</summary>
    public const string SimulatedApiKey = "simulated-key";

    private readonly Flux2OfflineSimulatorOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SimulatorServer? _server;
    private int _disposed;

    /// <summary>Creates the fallback; nothing starts until <see cref="GetEndpointAsync"/> is first called.</summary>
    public SimulatorOfflineFallback(IOptions<Flux2OfflineSimulatorOptions> options, ILogger<SimulatorOfflineFallback>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    public string DefaultProvider => Flux2Providers.Fal;

    /// <inheritdoc/>
    public string Note { get; } = BuildNote();

    /// <summary>The running server's base URL, or null before first use.</summary>
    public Uri? BaseUrl => Volatile.Read(ref _server)?.BaseUrl;

    /// <inheritdoc/>
    public async ValueTask<Flux2ProviderEndpoint> GetEndpointAsync(string provider, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        var info = Flux2Providers.Find(provider) ?? throw new Flux2Exception(
            Flux2ErrorKind.Unsupported,
            $"The built-in simulator has no provider '{provider}'; use one of: {string.Join(", ", Flux2Providers.All.Select(p => p.Name))}.")
        {
            Parameter = "provider",
        };

        var server = await GetServerAsync(cancellationToken).ConfigureAwait(false);
        return new Flux2ProviderEndpoint
        {
            BaseUrl = server.DialectUrl(info.SimulatorPrefix),
            QueueBaseUrl = info.SimulatorQueuePrefix is null ? null : server.DialectUrl(info.SimulatorQueuePrefix),
            ApiKey = SimulatedApiKey,
            Simulated = true,
        };
    }

    /// <summary>Stops the simulator if it was started; safe to call more than once (the container may dispose both registrations).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Waits for a start in progress, so a server that is starting is stopped too; the gate is left for the GC.
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_server is { } server)
            {
                _server = null;
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<SimulatorServer> GetServerAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _server) is { } running)
        {
            return running;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            if (_server is { } started)
            {
                return started;
            }

            var options = new SimulatorOptions
            {
                Urls = string.IsNullOrWhiteSpace(_options.Urls) ? "http://127.0.0.1:0" : _options.Urls,
                Latency = TimeSpan.FromMilliseconds(Math.Max(0, _options.LatencyMs)),
            };

            SimulatorServer server;
            try
            {
                // Not cancellable by the first caller: a half-started server would be worse than a short wait.
                server = await SimulatorServer.StartAsync(options, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException)
            {
                throw new Flux2Exception(
                    Flux2ErrorKind.ProviderUnavailable,
                    $"No provider key is configured and the built-in simulator could not start on {options.Urls}: {ex.Message} Set FAL_KEY (or another provider's key) or Flux2:Simulator:Urls.",
                    ex);
            }

            LogStarted(_logger, server.BaseUrl.GetLeftPart(UriPartial.Authority));
            Volatile.Write(ref _server, server);
            return server;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static string BuildNote()
    {
        var variables = Flux2Providers.All
            .Where(p => p.ApiKeyVariable is not null && p.Name != Flux2Providers.OpenAI)
            .Select(p => p.ApiKeyVariable!)
            .ToList();
        return $"Simulated image: set {variables[0]} (or {string.Join(", ", variables.Skip(1))}) to use a real provider.";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No provider key found: using the built-in simulator at {BaseUrl}")]
    private static partial void LogStarted(ILogger logger, string baseUrl);
}
