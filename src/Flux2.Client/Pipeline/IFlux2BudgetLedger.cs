namespace Flux2.Client;

/// <summary>
/// Where the budget layer keeps the estimated spend that <c>Flux2:MaxCostPerProcessUsd</c> counts against: this process by
/// default; <c>Flux2.Redis</c> keeps it on Redis so one budget holds across every replica that shares it.
/// </summary>
public interface IFlux2BudgetLedger
{
    /// <summary>Whose spend this is, for messages ("this process", "the replicas sharing Redis at host:6379").</summary>
    string Scope { get; }

    /// <summary>
    /// Adds <paramref name="amountUsd"/> to the spend unless that would take it above <paramref name="limitUsd"/>, in one step
    /// (two callers can never both pass the last dollar). Returns whether it was added and the spend before it.
    /// </summary>
    /// <exception cref="Flux2Exception">The ledger cannot be reached.</exception>
    ValueTask<Flux2BudgetReservation> TryReserveAsync(decimal amountUsd, decimal limitUsd, CancellationToken cancellationToken = default);

    /// <summary>Takes back a reservation whose call certainly cost nothing (refused, failed before the provider acted, cancelled).</summary>
    ValueTask RefundAsync(decimal amountUsd, CancellationToken cancellationToken = default);

    /// <summary>The estimated spend so far.</summary>
    ValueTask<decimal> GetSpentAsync(CancellationToken cancellationToken = default);
}
