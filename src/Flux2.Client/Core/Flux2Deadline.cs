using System.Globalization;

namespace Flux2.Client;

/// <summary>
/// The time one call may take, <c>Flux2:Providers:{P}:TotalTimeout</c> from its start, as a token that is cancelled when the time
/// is up or the caller cancels. The caller bounds each provider call with one (queueing, submit, retries, polls and result fetch);
/// the faces bound what follows a call, such as downloading its images, with <see cref="After"/> from the result's
/// <see cref="Flux2ImageResult.Deadline"/>, and turn an expiry into <see cref="CreateTimeout"/>.
/// </summary>
/// <example>
/// <code>
/// using var deadline = Flux2Deadline.After(result, timeProvider, cancellationToken);
/// try { bytes = await downloader.FetchAsync(url, deadline.Token); }
/// catch (OperationCanceledException) when (deadline.HasExpired) { throw deadline.CreateTimeout("downloading the images"); }
/// </code>
/// </example>
public sealed class Flux2Deadline : IDisposable
{
    /// <summary>The time a call gets when TotalTimeout is not positive.</summary>
    public static readonly TimeSpan DefaultTotalTimeout = TimeSpan.FromMinutes(10);

    // A CancellationTokenSource timer takes at most about 49 days; no call needs more than this.
    private static readonly TimeSpan Longest = TimeSpan.FromDays(24);

    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;
    private readonly CancellationToken _caller;

    private readonly TimeSpan? _total;

    private Flux2Deadline(string provider, DateTimeOffset? endsAt, TimeSpan? left, TimeProvider timeProvider, CancellationToken caller, TimeSpan? total = null)
    {
        Provider = provider;
        EndsAt = endsAt;
        _total = total;
        _caller = caller;
        _timer = left is { } time
            ? new CancellationTokenSource(time < TimeSpan.Zero ? TimeSpan.Zero : time > Longest ? Longest : time, timeProvider)
            : new CancellationTokenSource();
        _linked = CancellationTokenSource.CreateLinkedTokenSource(caller, _timer.Token);
    }

    /// <summary>The provider whose TotalTimeout this is.</summary>
    public string Provider { get; }

    /// <summary>When the time is up, on the caller's clock; null when nothing bounds it.</summary>
    public DateTimeOffset? EndsAt { get; }

    /// <summary>Cancelled when the time is up or the caller cancels.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>True when the time ran out (not when the caller cancelled).</summary>
    public bool HasExpired => _timer.IsCancellationRequested && !_caller.IsCancellationRequested;

    /// <summary>Starts the time of a call to <paramref name="provider"/>: <paramref name="total"/> from now (<see cref="DefaultTotalTimeout"/> when not positive).</summary>
    public static Flux2Deadline Start(string provider, TimeSpan total, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        TimeProvider clock = timeProvider ?? TimeProvider.System;
        TimeSpan time = total > TimeSpan.Zero ? total : DefaultTotalTimeout;
        return new Flux2Deadline(provider, clock.GetUtcNow() + time, time, clock, cancellationToken, time);
    }

    /// <summary>
    /// The time left of the call that produced <paramref name="result"/>, for the work that follows it (downloads, saves); unbounded
    /// when the result carries no deadline. Use the clock the caller was built with, so that both count the same time.
    /// </summary>
    public static Flux2Deadline After(Flux2ImageResult result, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        TimeProvider clock = timeProvider ?? TimeProvider.System;
        return new Flux2Deadline(result.Provider, result.Deadline, result.Deadline - clock.GetUtcNow(), clock, cancellationToken);
    }

    /// <summary>
    /// The <see cref="Flux2ErrorKind.Timeout"/> error of <paramref name="what"/> (e.g. "downloading the images") running out of
    /// time, naming the setting to raise; <paramref name="leftBehind"/> says what stays at the provider, when known.
    /// </summary>
    public Flux2Exception CreateTimeout(string what, string? leftBehind = null, Exception? innerException = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(what);
        string at = (_total, EndsAt) switch
        {
            ({ } total, { } end) => string.Create(CultureInfo.InvariantCulture, $" ({total.TotalSeconds:0.#} s, ended at {end:HH:mm:ss} UTC)"),
            (null, { } end) => string.Create(CultureInfo.InvariantCulture, $" (it ended at {end:HH:mm:ss} UTC)"),
            _ => "",
        };
        string left = leftBehind is { Length: > 0 } ? " " + leftBehind : "";
        return new Flux2Exception(
            Flux2ErrorKind.Timeout,
            $"{Capitalized(what)} did not finish within Flux2:Providers:{Provider}:TotalTimeout{at}.{left} Raise Flux2:Providers:{Provider}:TotalTimeout, or try a faster model or a smaller size.",
            innerException)
        { Provider = Provider };
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
