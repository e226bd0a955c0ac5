using System.Text.Json;

namespace Flux2.Cli;

/// <summary>
/// The JSON-lines report of a batch: read back to skip lines an earlier run finished, and written in input order as
/// results arrive (a line is written as soon as every line before it is done), to the report file and, with --json, to stdout.
/// </summary>
internal sealed class BatchReport : IDisposable
{
    private readonly Lock _lock = new();
    private readonly StreamWriter _file;
    private readonly TextWriter? _stdout;
    private readonly BatchReportEntry?[] _entries;
    private int _next;

    /// <summary>Opens (replaces) the report file for <paramref name="count"/> entries.</summary>
    public BatchReport(string path, int count, TextWriter? stdout)
    {
        _entries = new BatchReportEntry?[count];
        _stdout = stdout;
        _file = new StreamWriter(path, append: false) { AutoFlush = false };
    }

    /// <summary>The successful entries of an earlier report, by key; an unreadable line is ignored (that line just runs again).</summary>
    public static async Task<Dictionary<string, BatchReportEntry>> ReadDoneAsync(string path, CancellationToken cancellationToken)
    {
        var done = new Dictionary<string, BatchReportEntry>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return done;
        }

        foreach (string line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize(line, CliJsonContext.Default.BatchReportEntry) is { Status: BatchReportEntry.Ok } entry && entry.Key.Length > 0)
                {
                    done[entry.Key] = entry;
                }
            }
            catch (JsonException)
            {
                // A damaged line only means that input line is done again.
            }
        }

        return done;
    }

    /// <summary>Records the entry at <paramref name="index"/> and writes every entry that is now next in order.</summary>
    public void Complete(int index, BatchReportEntry entry)
    {
        lock (_lock)
        {
            _entries[index] ??= entry;
            bool wrote = false;
            while (_next < _entries.Length && _entries[_next] is { } ready)
            {
                string line = CliJson.Line(ready, CliJsonContext.Default.BatchReportEntry);
                _file.WriteLine(line);
                _stdout?.WriteLine(line);
                _next++;
                wrote = true;
            }

            if (wrote)
            {
                _file.Flush();
                _stdout?.Flush();
            }
        }
    }

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _file.Dispose();
        }
    }
}
