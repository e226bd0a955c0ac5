using System.Globalization;
using Flux2.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Flux2.Redis;

/// <summary>
/// Says whether the shared Redis answers (a PING): registered by <c>AddFlux2Redis</c> as <see cref="Name"/> with the tag
/// <see cref="ReadyTag"/>, for a readiness endpoint (a replica without its Redis should get no traffic).
/// </summary>
public sealed class Flux2RedisHealthCheck : IHealthCheck
{
    /// <summary>The name of the check.</summary>
    public const string Name = "redis";

    /// <summary>The tag of checks that decide readiness.</summary>
    public const string ReadyTag = "ready";

    /// <summary>How long the PING may take: a balancer's probe wants an answer sooner than the client's 5 s time-out.</summary>
    internal static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private readonly Flux2RedisConnection _connection;
    private readonly TimeProvider _timeProvider;

    internal Flux2RedisHealthCheck(Flux2RedisConnection connection, TimeProvider? timeProvider = null)
    {
        _connection = connection;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            TimeSpan latency = await PingAsync().WaitAsync(ProbeTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"Redis ({_connection.Endpoints}) answered in {latency.TotalMilliseconds:0.#} ms."));
        }
        catch (TimeoutException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture,
                $"Redis ({_connection.Endpoints}) did not answer a PING within {ProbeTimeout.TotalSeconds:0} s. Check Flux2:Store:Redis and that Redis is running."));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(_connection.Unreachable("state", ex).Message);
        }
        catch (Flux2Exception ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }

    private async Task<TimeSpan> PingAsync()
    {
        IDatabase database = await _connection.GetDatabaseAsync("state").ConfigureAwait(false);
        return await database.PingAsync().ConfigureAwait(false);
    }
}
