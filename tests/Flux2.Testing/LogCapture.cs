using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Flux2.Testing;

/// <summary>
/// An <see cref="ILoggerProvider"/> that keeps every log record (Microsoft.Extensions.Diagnostics.Testing's collector), for asserting
/// on what was logged and on what never was: a key, a token, a signed URL's query string.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly FakeLoggerProvider _provider;

    /// <summary>Creates an empty capture.</summary>
    public LogCapture()
    {
        _provider = new FakeLoggerProvider(Collector);
    }

    /// <summary>The collector holding the records.</summary>
    public FakeLogCollector Collector { get; } = new();

    /// <summary>The records so far, in order.</summary>
    public IReadOnlyList<FakeLogRecord> Records => Collector.GetSnapshot();

    /// <summary>The formatted messages so far, in order.</summary>
    public IReadOnlyList<string> Messages => [.. Records.Select(r => r.Message)];

    /// <summary>
    /// Every record as one line holding all a log sink could store: level, category, formatted message, each structured value
    /// and the exception (with its inner ones). Search these when asserting that a secret was not logged.
    /// </summary>
    public IReadOnlyList<string> Lines => [.. Records.Select(Line)];

    /// <summary>True when <paramref name="text"/> appears anywhere in <see cref="Lines"/>.</summary>
    public bool Contains(string text) => Lines.Any(l => l.Contains(text, StringComparison.Ordinal));

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => _provider.CreateLogger(categoryName);

    /// <inheritdoc/>
    public void Dispose() => _provider.Dispose();

    private static string Line(FakeLogRecord record)
    {
        string structured = record.StructuredState is { } state ? string.Join("; ", state.Select(p => $"{p.Key}={p.Value}")) : "";
        return $"{record.Level} {record.Category}: {record.Message} | {structured} | {record.Exception}";
    }
}
