namespace Flux2.Client;

/// <summary>The default <see cref="IFlux2BudgetLedger"/>: this process's spend, in memory (a restart starts again at zero).</summary>
internal sealed class Flux2LocalBudgetLedger : IFlux2BudgetLedger
{
    private readonly Lock _lock = new();
    private decimal _spentUsd;

    /// <inheritdoc/>
    public string Scope => "this process";

    /// <inheritdoc/>
    public ValueTask<Flux2BudgetReservation> TryReserveAsync(decimal amountUsd, decimal limitUsd, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            decimal before = _spentUsd;
            if (before + amountUsd > limitUsd)
            {
                return ValueTask.FromResult(new Flux2BudgetReservation(false, before));
            }

            _spentUsd += amountUsd;
            return ValueTask.FromResult(new Flux2BudgetReservation(true, before));
        }
    }

    /// <inheritdoc/>
    public ValueTask RefundAsync(decimal amountUsd, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _spentUsd = Math.Max(0, _spentUsd - amountUsd);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<decimal> GetSpentAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_spentUsd);
        }
    }
}
