using System.Globalization;
using Flux2.Client;
using StackExchange.Redis;

namespace Flux2.Redis;

/// <summary>
/// The <see cref="IFlux2BudgetLedger"/> every replica shares: the estimated spend is one integer key (micro-dollars) under the
/// key prefix, reserved with one script that adds only while the sum stays within the limit, so <c>Flux2:MaxCostPerProcessUsd</c>
/// holds across every replica at once. The key has no expiry: delete <c>{prefix}budget:spent</c> to start a new budget period.
/// </summary>
internal sealed class Flux2RedisBudgetLedger : IFlux2BudgetLedger
{
    private const string Purpose = "budget";
    private const decimal MicrosPerDollar = 1_000_000m;

    // KEYS[1] spent; ARGV: amount, limit (micro-dollars). Returns {reserved, spent before}.
    private const string ReserveScript = """
        local spent = tonumber(redis.call('GET', KEYS[1]) or '0')
        if spent + tonumber(ARGV[1]) > tonumber(ARGV[2]) then
          return {0, spent}
        end
        redis.call('INCRBY', KEYS[1], ARGV[1])
        return {1, spent}
        """;

    // KEYS[1] spent; ARGV: amount (micro-dollars). Never below zero.
    private const string RefundScript = """
        local spent = tonumber(redis.call('GET', KEYS[1]) or '0')
        local left = spent - tonumber(ARGV[1])
        if left < 0 then left = 0 end
        redis.call('SET', KEYS[1], string.format('%.0f', left))
        return left
        """;

    private readonly Flux2RedisConnection _connection;

    public Flux2RedisBudgetLedger(Flux2RedisConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
    }

    /// <inheritdoc/>
    public string Scope => $"the replicas sharing Redis at {_connection.Endpoints}";

    private RedisKey SpentKey => _connection.Key("budget:spent");

    /// <inheritdoc/>
    public async ValueTask<Flux2BudgetReservation> TryReserveAsync(decimal amountUsd, decimal limitUsd, CancellationToken cancellationToken = default)
    {
        var result = (RedisResult[])(await RunAsync(ReserveScript, [Micros(amountUsd), Micros(limitUsd)]).ConfigureAwait(false))!;
        return new Flux2BudgetReservation((long)result[0] == 1, (long)result[1] / MicrosPerDollar);
    }

    /// <inheritdoc/>
    public async ValueTask RefundAsync(decimal amountUsd, CancellationToken cancellationToken = default) =>
        await RunAsync(RefundScript, [Micros(amountUsd)]).ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask<decimal> GetSpentAsync(CancellationToken cancellationToken = default)
    {
        IDatabase database = await _connection.GetDatabaseAsync(Purpose).ConfigureAwait(false);
        try
        {
            RedisValue value = await database.StringGetAsync(SpentKey).ConfigureAwait(false);
            return value.IsNull ? 0m : (long)value / MicrosPerDollar;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw _connection.Unreachable(Purpose, ex);
        }
    }

    /// <summary>Whole micro-dollars, rounded up (a reservation never undercounts).</summary>
    private static RedisValue Micros(decimal usd) => decimal.Ceiling(usd * MicrosPerDollar).ToString(CultureInfo.InvariantCulture);

    private async Task<RedisResult> RunAsync(string script, RedisValue[] arguments)
    {
        IDatabase database = await _connection.GetDatabaseAsync(Purpose).ConfigureAwait(false);
        try
        {
            return await database.ScriptEvaluateAsync(script, [SpentKey], arguments).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw _connection.Unreachable(Purpose, ex);
        }
    }
}
