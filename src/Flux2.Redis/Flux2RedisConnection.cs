using Flux2.Client;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Flux2.Redis;

/// <summary>The one Redis connection of a process, opened on first use and kept reconnecting in the background.</summary>
internal sealed class Flux2RedisConnection : IAsyncDisposable, IDisposable
{
    private readonly ConfigurationOptions _configuration;
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;

    public Flux2RedisConnection(IOptions<Flux2RedisOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        _configuration = ConfigurationOptions.Parse(Options.Redis ?? throw new ArgumentException("Flux2:Store:Redis is not set.", nameof(options)));

        // A replica starts (and answers /healthz) while Redis is away; calls fail clearly until it is back.
        _configuration.AbortOnConnectFail = false;
        _configuration.ClientName ??= "flux2-agents";
        _connection = new Lazy<Task<ConnectionMultiplexer>>(() => ConnectionMultiplexer.ConnectAsync(_configuration), LazyThreadSafetyMode.ExecutionAndPublication);
        Endpoints = string.Join(", ", _configuration.EndPoints.Select(e => e.ToString()));
    }

    /// <summary>The settings.</summary>
    public Flux2RedisOptions Options { get; }

    /// <summary>Where Redis is (host:port, never the password), for messages.</summary>
    public string Endpoints { get; }

    /// <summary>The full name of a key under the configured prefix.</summary>
    public RedisKey Key(string name) => Options.KeyPrefix + name;

    /// <summary>The database, connecting first if needed.</summary>
    /// <exception cref="Flux2Exception">Redis cannot be reached.</exception>
    public async Task<IDatabase> GetDatabaseAsync(string purpose)
    {
        var connection = await ConnectAsync(purpose).ConfigureAwait(false);
        return connection.GetDatabase();
    }

    /// <summary>The publish/subscribe side, connecting first if needed.</summary>
    /// <exception cref="Flux2Exception">Redis cannot be reached.</exception>
    public async Task<ISubscriber> GetSubscriberAsync(string purpose)
    {
        var connection = await ConnectAsync(purpose).ConfigureAwait(false);
        return connection.GetSubscriber();
    }

    /// <summary>Turns a Redis failure into the typed error callers expect, naming what failed and where (never the password).</summary>
    public Flux2Exception Unreachable(string purpose, Exception error) =>
        new(Flux2ErrorKind.Network,
            $"The shared {purpose} on Redis ({Endpoints}) could not be used: {error.GetType().Name}: {FirstLine(error.Message)} "
            + "Check Flux2:Store:Redis and that Redis is running.",
            error);

    public void Dispose()
    {
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
        {
            _connection.Value.Result.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
        {
            await _connection.Value.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(string purpose)
    {
        try
        {
            return await _connection.Value.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw Unreachable(purpose, ex);
        }
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        string line = end < 0 ? message : message[..end];
        return line.Length <= 300 ? line : line[..297] + "...";
    }
}
