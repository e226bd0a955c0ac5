using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Flux2.Agents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Flux2.Redis;

/// <summary>
/// The <see cref="IFlux2JobStore"/> every replica shares: one Redis hash per job (<c>{prefix}jobs:{id}</c>: owner, status,
/// progress, results), written with the image store's expiry (<c>Flux2:Store:Ttl</c>); each change is a script that touches a
/// job only while it is working, so the first end wins on every replica. A cancel is published on <c>{prefix}jobs:cancel</c>
/// in the same script, and each replica cancels the jobs it runs. Image owners are keys <c>{prefix}image-owners:{id}</c>.
/// </summary>
internal sealed partial class Flux2RedisJobStore : IFlux2JobStore, IDisposable
{
    private const string Purpose = "job store";
    private const string Working = "working";

    private const string ProgressScript = """
        if redis.call('HGET', KEYS[1], 'status') ~= 'working' then return 0 end
        redis.call('HSET', KEYS[1], 'progress', ARGV[1], 'message', ARGV[2], 'updated', ARGV[3])
        return 1
        """;

    private const string FinishScript = """
        if redis.call('HGET', KEYS[1], 'status') ~= 'working' then return 0 end
        redis.call('HSET', KEYS[1], 'status', ARGV[1], 'updated', ARGV[2])
        for i = 3, #ARGV, 2 do
          if ARGV[i + 1] ~= '' then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
        end
        return 1
        """;

    private const string CancelScript = """
        if redis.call('HGET', KEYS[1], 'status') ~= 'working' then return 0 end
        redis.call('HSET', KEYS[1], 'status', 'cancelled', 'message', 'cancelled', 'updated', ARGV[1])
        redis.call('PUBLISH', ARGV[2], ARGV[3])
        return 1
        """;

    private static readonly RedisValue[] Fields =
        ["owner", "tool", "status", "created", "updated", "num_images", "progress", "message", "result", "output", "error"];

    private readonly Flux2RedisConnection _connection;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Action, byte>> _watchers = new(StringComparer.Ordinal);
    private readonly Flux2RedisChannelSubscription _cancels;

    public Flux2RedisJobStore(Flux2RedisConnection connection, TimeProvider? time = null, ILogger<Flux2RedisJobStore>? logger = null)
    {
        _connection = connection;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<Flux2RedisJobStore>.Instance;
        _cancels = new Flux2RedisChannelSubscription(
            connection,
            Purpose,
            CancelChannel,
            id =>
            {
                if (_watchers.TryGetValue(id.ToString(), out var watchers))
                {
                    foreach (var watcher in watchers.Keys)
                    {
                        watcher();
                    }
                }
            },
            // A cancel through another replica then reaches this one's jobs only when they end; say so.
            ex => LogSubscribeFailed(_logger, ex.Message));
    }

    /// <inheritdoc />
    public TimeSpan TimeToLive => _connection.Options.Ttl;

    private RedisChannel CancelChannel => RedisChannel.Literal(_connection.Options.KeyPrefix + "jobs:cancel");

    /// <inheritdoc />
    public async ValueTask CreateAsync(Flux2JobRecord job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        RedisKey key = KeyOf(job.Id);
        var entries = new List<HashEntry>
        {
            new("owner", job.Owner),
            new("tool", job.Tool),
            new("status", StatusName(job.Status)),
            new("created", job.CreatedAt.ToUnixTimeMilliseconds()),
            new("updated", job.UpdatedAt.ToUnixTimeMilliseconds()),
            new("num_images", job.NumImages),
        };
        if (job.Progress is { } progress)
        {
            entries.Add(new HashEntry("progress", JsonSerializer.Serialize(progress, Flux2RedisJsonContext.Default.Flux2JobProgress)));
        }

        if (job.Message is { } message)
        {
            entries.Add(new HashEntry("message", message));
        }

        bool written;
        try
        {
            IDatabase database = await _connection.GetDatabaseAsync(Purpose).ConfigureAwait(false);
            ITransaction transaction = database.CreateTransaction();
            transaction.AddCondition(Condition.KeyNotExists(key));
            _ = transaction.HashSetAsync(key, [.. entries]);
            _ = transaction.KeyExpireAsync(key, job.CreatedAt + TimeToLive - _time.GetUtcNow());
            written = await transaction.ExecuteAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw _connection.Unreachable(Purpose, ex);
        }

        if (!written)
        {
            throw new InvalidOperationException($"A job with id {job.Id} exists.");
        }
    }

    /// <inheritdoc />
    public async ValueTask<Flux2JobRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        RedisValue[] values;
        try
        {
            IDatabase database = await _connection.GetDatabaseAsync(Purpose).ConfigureAwait(false);
            values = await database.HashGetAsync(KeyOf(id), Fields).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw _connection.Unreachable(Purpose, ex);
        }

        if (values[0].IsNull || values[2].IsNull)
        {
            return null;
        }

        return new Flux2JobRecord
        {
            Id = id,
            Owner = values[0].ToString(),
            Tool = values[1].ToString(),
            Status = ParseStatus(values[2].ToString()),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds((long)values[3]),
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds((long)values[4]),
            NumImages = values[5].IsNull ? 1 : (int)values[5],
            Progress = values[6].IsNull ? null : JsonSerializer.Deserialize(values[6].ToString(), Flux2RedisJsonContext.Default.Flux2JobProgress),
            Message = values[7].IsNull ? null : values[7].ToString(),
            Result = Json(values[8]),
            Output = Json(values[9]),
            Error = Json(values[10]),
        };
    }

    /// <inheritdoc />
    public async ValueTask<bool> ReportProgressAsync(string id, Flux2JobProgress progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return await RunAsync(ProgressScript, id,
            [JsonSerializer.Serialize(progress, Flux2RedisJsonContext.Default.Flux2JobProgress), progress.Message ?? "", Now()], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> FinishAsync(
        string id, Flux2JobStatus status, string? message, JsonElement? result, JsonElement? output, JsonElement? protocolError = null, CancellationToken cancellationToken = default)
    {
        if (status is not (Flux2JobStatus.Completed or Flux2JobStatus.Failed))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A job finishes as Completed or Failed; use CancelAsync to cancel it.");
        }

        return await RunAsync(FinishScript, id,
        [
            StatusName(status), Now(),
            "message", message ?? "",
            "result", result?.GetRawText() ?? "",
            "output", output?.GetRawText() ?? "",
            "error", protocolError?.GetRawText() ?? "",
        ], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> CancelAsync(string id, CancellationToken cancellationToken = default) =>
        await RunAsync(CancelScript, id, [Now(), _connection.Options.KeyPrefix + "jobs:cancel", id], cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<IAsyncDisposable> WatchCancellationAsync(string id, Action onCancelled, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onCancelled);
        await _cancels.EnsureAsync().ConfigureAwait(false);
        var once = new Once(onCancelled);
        _watchers.GetOrAdd(id, _ => new ConcurrentDictionary<Action, byte>())[once.Invoke] = 0;

        // A cancel published before the subscription was in place is in the record.
        if ((await GetAsync(id, cancellationToken).ConfigureAwait(false))?.Status == Flux2JobStatus.Cancelled)
        {
            once.Invoke();
        }

        return new Watch(this, id, once.Invoke);
    }

    /// <inheritdoc />
    public async ValueTask SetImageOwnerAsync(string imageId, string owner, CancellationToken cancellationToken = default)
    {
        try
        {
            IDatabase database = await _connection.GetDatabaseAsync(Purpose).ConfigureAwait(false);
            await database.StringSetAsync(OwnerKeyOf(imageId), owner, TimeToLive).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw _connection.Unreachable(Purpose, ex);
        }
    }

    /// <inheritdoc />
    public async ValueTask<string?> GetImageOwnerAsync(string imageId, CancellationToken cancellationToken = default)
    {
        try
        {
            IDatabase database = await _connection.GetDatabaseAsync(Purpose).ConfigureAwait(false);
            RedisValue owner = await database.StringGetAsync(OwnerKeyOf(imageId)).WaitAsync(cancellationToken).ConfigureAwait(false);
            return owner.IsNull ? null : owner.ToString();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw _connection.Unreachable(Purpose, ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _cancels.Dispose();

    /// <summary>The key of a job id.</summary>
    internal RedisKey KeyOf(string id) => _connection.Key("jobs:" + id.ToLowerInvariant());

    private RedisKey OwnerKeyOf(string imageId) => _connection.Key("image-owners:" + imageId.ToLowerInvariant());

    private static string StatusName(Flux2JobStatus status) => status.ToString().ToLowerInvariant();

    private static Flux2JobStatus ParseStatus(string text) =>
        Enum.TryParse(text, ignoreCase: true, out Flux2JobStatus status) ? status : Flux2JobStatus.Failed;

    private static JsonElement? Json(RedisValue value) =>
        value.IsNull || value.IsNullOrEmpty ? null : JsonDocument.Parse(value.ToString()).RootElement.Clone();

    private string Now() => _time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private async Task<bool> RunAsync(string script, string id, RedisValue[] arguments, CancellationToken cancellationToken)
    {
        try
        {
            IDatabase database = await _connection.GetDatabaseAsync(Purpose).ConfigureAwait(false);
            RedisResult result = await database.ScriptEvaluateAsync(script, [KeyOf(id)], arguments).WaitAsync(cancellationToken).ConfigureAwait(false);
            return (long)result == 1;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw _connection.Unreachable(Purpose, ex);
        }
    }


    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to job cancels on Redis; a cancel through another replica will not stop this one's jobs: {Message}")]
    private static partial void LogSubscribeFailed(ILogger logger, string message);

    private sealed class Once(Action action)
    {
        private int _done;

        public void Invoke()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                action();
            }
        }
    }

    private sealed class Watch(Flux2RedisJobStore store, string id, Action watcher) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            if (store._watchers.TryGetValue(id, out var watchers))
            {
                watchers.TryRemove(watcher, out _);
                if (watchers.IsEmpty)
                {
                    store._watchers.TryRemove(new KeyValuePair<string, ConcurrentDictionary<Action, byte>>(id, watchers));
                }
            }

            return ValueTask.CompletedTask;
        }
    }
}
