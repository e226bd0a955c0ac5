using StackExchange.Redis;

namespace Flux2.Redis;

/// <summary>
/// A subscription to one channel of the shared Redis, made on first need and once per process part that owns it; a failure is
/// handed to <c>onFailed</c> (the owner says what still works without it) and the next need tries again.
/// </summary>
internal sealed class Flux2RedisChannelSubscription(
    Flux2RedisConnection connection, string purpose, RedisChannel channel, Action<RedisValue> onMessage, Action<Exception> onFailed) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _subscribed;

    /// <summary>Subscribes unless already subscribed; never throws for Redis being away.</summary>
    public async Task EnsureAsync()
    {
        if (Volatile.Read(ref _subscribed))
        {
            return;
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_subscribed)
            {
                return;
            }

            ISubscriber subscriber = await connection.GetSubscriberAsync(purpose).ConfigureAwait(false);
            await subscriber.SubscribeAsync(channel, (_, message) => onMessage(message)).ConfigureAwait(false);
            Volatile.Write(ref _subscribed, true);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or Flux2.Client.Flux2Exception)
        {
            onFailed(ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();
}
