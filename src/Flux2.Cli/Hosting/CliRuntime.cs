using System.Collections;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Cli;

/// <summary>What one run of the command sees of the outside world: its output streams, environment and terminal; tests inject their own.</summary>
internal sealed class CliRuntime
{
    private readonly TextWriter _out = TextWriter.Null;
    private readonly TextWriter _error = TextWriter.Null;
    private StatusLine? _status;

    /// <summary>Standard output: only results (one JSON document with --json, saved paths otherwise).</summary>
    public required TextWriter Out { get => _out; init => _out = TextWriter.Synchronized(value); }

    /// <summary>Standard error: progress, human messages and logs.</summary>
    public required TextWriter Error { get => _error; init => _error = TextWriter.Synchronized(value); }

    /// <summary>The environment variables the configuration is built from; null reads the process environment.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>True when stderr is a terminal: progress is drawn as one updating line instead of plain lines.</summary>
    public bool Interactive { get; init; }

    /// <summary>Stderr's status line: every human line on stderr goes through it so that progress and messages never interleave.</summary>
    public StatusLine Status => LazyInitializer.EnsureInitialized(ref _status, () => new StatusLine(Error, Interactive));

    /// <summary>The directory relative paths are resolved against.</summary>
    public string CurrentDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>The appsettings.json to read (optional); null reads the one beside the executable.</summary>
    public string? SettingsFile { get; init; }

    /// <summary>Changes the services after the defaults are registered (tests replace the caller or the downloader).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>The environment as a dictionary: the injected one, or a snapshot of the process environment.</summary>
    public IReadOnlyDictionary<string, string?> GetEnvironment()
    {
        if (Environment is not null)
        {
            return Environment;
        }

        var snapshot = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            snapshot[(string)entry.Key] = entry.Value as string;
        }

        return snapshot;
    }
}
