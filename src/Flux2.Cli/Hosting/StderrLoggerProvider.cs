using Microsoft.Extensions.Logging;

namespace Flux2.Cli;

/// <summary>Writes log messages as single lines to the command's stderr writer (never stdout); a warning repeated word for word is shown once.</summary>
internal sealed class StderrLoggerProvider(StatusLine error) : ILoggerProvider
{
    private readonly HashSet<string> _shown = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => new StderrLogger(this, categoryName);

    /// <summary>Writes a line; false when the same warning was already shown in this run.</summary>
    internal void Write(string line, bool once)
    {
        lock (_shown)
        {
            if (once && !_shown.Add(line))
            {
                return;
            }
        }

        error.WriteLine(line);
    }

    public void Dispose()
    {
    }
}
