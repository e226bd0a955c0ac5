namespace Flux2.Client;

/// <summary>The answer of <see cref="IFlux2BudgetLedger.TryReserveAsync"/>.</summary>
/// <param name="Reserved">True when the amount was added to the spend.</param>
/// <param name="SpentUsd">The spend before this reservation.</param>
public readonly record struct Flux2BudgetReservation(bool Reserved, decimal SpentUsd);
