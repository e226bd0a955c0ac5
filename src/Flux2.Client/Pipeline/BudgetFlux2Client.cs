using System.Globalization;
using Microsoft.Extensions.Options;

namespace Flux2.Client;

/// <summary>
/// The budget layer: refuses, before anything is sent, a call whose estimate is above <c>Flux2:MaxCostPerCallUsd</c> or would take
/// the spend in the <see cref="IFlux2BudgetLedger"/> above <c>Flux2:MaxCostPerProcessUsd</c>. A sent call's estimate stays spent
/// unless the call certainly cost nothing (it failed before the provider acted, or was cancelled); a job whose outcome is unknown
/// stays counted. A model with no published price is not counted (its estimate is unknown); the result's warnings say so.
/// </summary>
public sealed class BudgetFlux2Client : DelegatingFlux2Client
{
    private readonly IOptions<Flux2ClientOptions> _options;
    private readonly IFlux2BudgetLedger _ledger;

    /// <summary>Wraps <paramref name="innerClient"/> with the budgets of <paramref name="options"/>, spending into <paramref name="ledger"/>.</summary>
    public BudgetFlux2Client(IFlux2Client innerClient, IOptions<Flux2ClientOptions> options, IFlux2BudgetLedger ledger)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ledger);
        _options = options;
        _ledger = ledger;
    }

    /// <inheritdoc/>
    public override async Task<Flux2ImageResult> GenerateAsync(Flux2ImageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Flux2ClientOptions options = _options.Value;
        if (options.MaxCostPerCallUsd is null && options.MaxCostPerProcessUsd is null)
        {
            return await InnerClient.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
        }

        Flux2CostEstimate estimate = await InnerClient.EstimateAsync(request, cancellationToken).ConfigureAwait(false);
        if (estimate.EstimatedUsd is not { } cost)
        {
            Flux2ImageResult unpriced = await InnerClient.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
            return unpriced.WithWarningsFirst([$"{estimate.Model} on {estimate.Provider} has no published price, so this call was not counted against the budget (Flux2:MaxCostPerCallUsd, Flux2:MaxCostPerProcessUsd)."]);
        }

        if (options.MaxCostPerCallUsd is { } perCall && cost > perCall)
        {
            throw new Flux2Exception(Flux2ErrorKind.BudgetExceeded, Format($"This call would cost about ${cost:0.####} on {estimate.Provider}, above the ${perCall:0.####} per-call budget (Flux2:MaxCostPerCallUsd). Ask for fewer or smaller images, a cheaper model, or raise the budget. Nothing was sent."))
            { Provider = estimate.Provider };
        }

        if (options.MaxCostPerProcessUsd is not { } limit)
        {
            return await InnerClient.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
        }

        Flux2BudgetReservation reservation = await _ledger.TryReserveAsync(cost, limit, cancellationToken).ConfigureAwait(false);
        if (!reservation.Reserved)
        {
            throw new Flux2Exception(Flux2ErrorKind.BudgetExceeded, Format($"The spend of {_ledger.Scope} is about ${reservation.SpentUsd:0.####} of the ${limit:0.####} budget (Flux2:MaxCostPerProcessUsd); this call (about ${cost:0.####}) would exceed it. Raise the budget. Nothing was sent."))
            { Provider = estimate.Provider };
        }

        try
        {
            return await InnerClient.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not Flux2Exception { OutcomeUnknown: true })
        {
            await _ledger.RefundAsync(cost, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
