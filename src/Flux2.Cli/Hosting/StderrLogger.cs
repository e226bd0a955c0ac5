using Microsoft.Extensions.Logging;

namespace Flux2.Cli;

/// <summary>One category's logger: "warning: message" lines on stderr, with the category only for debug output.</summary>
internal sealed class StderrLogger(StderrLoggerProvider provider, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        string message = formatter(state, exception);
        string line = logLevel switch
        {
            LogLevel.Trace or LogLevel.Debug => $"debug: [{category}] {message}",
            LogLevel.Information => message,
            LogLevel.Warning => $"warning: {message}",
            _ => $"error: {message}",
        };
        if (exception is not null && logLevel <= LogLevel.Debug)
        {
            line += Environment.NewLine + exception;
        }

        // A batch would otherwise repeat the same warning (e.g. "using the simulator") once per line.
        provider.Write(line, once: logLevel >= LogLevel.Warning);
    }
}
