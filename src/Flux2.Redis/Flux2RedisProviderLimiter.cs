using System.Collections.Concurrent;
using Flux2.Client;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Flux2.Redis;

/// <summary>
/// The <see cref="IFlux2ProviderLimiter"/> every replica shares. A provider's slots are a sorted set of leases scored by their
/// expiry (Redis's clock): taking a slot drops the expired leases and adds one when fewer than the limit remain, in one script;
/// a running job renews its lease, so a replica that dies frees its slots when they expire. A freed slot is announced on a
/// channel so waiters try again at once. A 429's Retry-After is a key with that time to live, checked before every submit.
/// </summary>
internal sealed partial class Flux2RedisProviderLimiter : IFlux2ProviderLimiter, IAsyncDisposable
{
    private const string Purpose = "provider limits";

    // KEYS[1] slots; ARGV: limit, lease ms, lease id. Returns 1 when the slot was taken.
    private const string AcquireScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now))
        if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
          redis.call('ZADD', KEYS[1], string.format('%.0f', now + tonumber(ARGV[2])), ARGV[3])
          redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
          return 1
        end
        return 0
        """;

    // KEYS[1] slots; ARGV: lease ms, lease id. Returns 1 when the lease was still held and is renewed.
    private const string RenewScript = """
        if not redis.call('ZSCORE', KEYS[1], ARGV[2]) then
          return 0
        end
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZADD', KEYS[1], 'XX', string.format('%.0f', now + tonumber(ARGV[1])), ARGV[2])
        redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]) * 2)
        return 1
        """;

    // KEYS[1] pause; ARGV: ms. Sets the pause unless a longer one is already running.
    private const string PauseScript = """
        if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
          redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
        end
        return 1
        """;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private readonly Flux2RedisConnection _connection;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Flux2RedisReleaseSignal> _signals = new(StringComparer.Ordinal);
    private readonly Flux2RedisChannelSubscription _released;
    private readonly CancellationTokenSource _stopping = new();

    public Flux2RedisProviderLimiter(Flux2RedisConnection connection, TimeProvider? timeProvider = null, ILogger<Flux2RedisProviderLimiter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _released = new Flux2RedisChannelSubscription(
            connection,
            Purpose,
            ReleasedChannel,
            provider =>
            {
                if (_signals.TryGetValue(provider.ToString(), out var signal))
                {
                    signal.Pulse();
                }
            },
            // Waiters still try again on their own every poll interval.
            ex => LogSubscribeFailed(_logger, ex.Message));
    }

    /// <summary>The channel that announces freed slots (the message is the provider).</summary>
    private RedisChannel ReleasedChannel => RedisChannel.Literal(_connection.Options.KeyPrefix + "limits:released");

    /// <inheritdoc/>
    public async ValueTask<IAsyncDisposable> AcquireAsync(string provider, int limit, Action? waiting = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        string name = provider.ToLowerInvariant();
        RedisKey slots = SlotsKey(name);
        string leaseId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        TimeSpan lease = _connection.Options.SlotLease;
        var signal = _signals.GetOrAdd(name, static _ => new Flux2RedisReleaseSignal());
        bool announced = false;
        while (true)
        {
            Task released = signal.Next; // taken before trying, so a release between the try and the wait is not missed
            if (await TryAcquireAsync(slots, limit, lease, leaseId).ConfigureAwait(false))
            {
                return new Flux2RedisSlotLease(this, name, slots, leaseId, lease);
            }

            if (!announced)
            {
                announced = true;
                waiting?.Invoke();
                await _released.EnsureAsync().ConfigureAwait(false);
            }

            try
            {
                // Freed slots are announced; expired ones (a dead replica's) are found by trying again now and then.
                await released.WaitAsync(PollInterval + TimeSpan.FromMilliseconds(Random.Shared.Next(50)), _timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask PauseAsync(string provider, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        long ms = (long)Math.Ceiling(duration.TotalMilliseconds);
        if (ms <= 0)
        {
            return;
        }

        try
        {
            IDatabase database = await _connection.GetDatabaseAsync(Purpose).ConfigureAwait(false);
            await database.ScriptEvaluateAsync(PauseScript, [PauseKey(provider.ToLowerInvariant())], [ms]).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw _connection.Unreachable(Purpose, ex);
        }

        LogPaused(_logger, provider, ms);
    }

    /// <inheritdoc/>
    public async ValueTask<TimeSpan> GetPauseAsync(string provider, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        try
        {
            IDatabase database = await _connection.GetDatabaseAsync(Purpose).ConfigureAwait(false);
            TimeSpan? left = await database.KeyTimeToLiveAsync(PauseKey(provider.ToLowerInvariant())).WaitAsync(cancellationToken).ConfigureAwait(false);
            return left is { } value && value > TimeSpan.Zero ? value : TimeSpan.Zero;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw _connection.Unreachable(Purpose, ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _released.Dispose();
    }

    /// <summary>Keeps a held lease alive; false when it was lost (it expired while Redis was out of reach).</summary>
    internal async Task<bool> RenewAsync(RedisKey slots, string leaseId, TimeSpan lease)
    {
        IDatabase database = await _connection.GetDatabaseAsync(Purpose).ConfigureAwait(false);
        RedisResult result = await database.ScriptEvaluateAsync(RenewScript, [slots], [(long)lease.TotalMilliseconds, leaseId]).ConfigureAwait(false);
        return (int)result == 1;
    }

    /// <summary>Frees a slot and tells the waiters of every replica.</summary>
    internal async Task ReleaseAsync(string provider, RedisKey slots, string leaseId)
    {
        try
        {
            IDatabase database = await _connection.GetDatabaseAsync(Purpose).ConfigureAwait(false);
            await database.SortedSetRemoveAsync(slots, leaseId).ConfigureAwait(false);
            await database.PublishAsync(ReleasedChannel, provider).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or Flux2Exception)
        {
            // The lease expires on its own.
            LogReleaseFailed(_logger, provider, ex.Message);
        }
    }

    /// <summary>The time provider renewals wait on.</summary>
    internal TimeProvider TimeProvider => _timeProvider;

    /// <summary>Cancelled when the limiter goes away, which stops every renewal.</summary>
    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>Logs a renewal that failed.</summary>
    internal void RenewalFailed(string provider, string reason) => LogRenewalFailed(_logger, provider, reason);

    /// <summary>The key of a provider's slots.</summary>
    internal RedisKey SlotsKey(string provider) => _connection.Key("limits:" + provider.ToLowerInvariant() + ":slots");

    /// <summary>The key of a provider's pause.</summary>
    internal RedisKey PauseKey(string provider) => _connection.Key("limits:" + provider.ToLowerInvariant() + ":pause");

    private async Task<bool> TryAcquireAsync(RedisKey slots, int limit, TimeSpan lease, string leaseId)
    {
        try
        {
            IDatabase database = await _connection.GetDatabaseAsync(Purpose).ConfigureAwait(false);
            RedisResult result = await database.ScriptEvaluateAsync(
                AcquireScript, [slots], [Math.Max(1, limit), (long)lease.TotalMilliseconds, leaseId]).ConfigureAwait(false);
            return (int)result == 1;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw _connection.Unreachable(Purpose, ex);
        }
    }


    [LoggerMessage(Level = LogLevel.Information, Message = "{Provider} asked every replica to wait {Milliseconds} ms (429 Retry-After); shared through Redis")]
    private static partial void LogPaused(ILogger logger, string provider, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not free a {Provider} slot on Redis (it expires on its own): {Message}")]
    private static partial void LogReleaseFailed(ILogger logger, string provider, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew a {Provider} slot on Redis: {Reason}")]
    private static partial void LogRenewalFailed(ILogger logger, string provider, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to freed-slot announcements on Redis; waiters poll instead: {Message}")]
    private static partial void LogSubscribeFailed(ILogger logger, string message);
}
