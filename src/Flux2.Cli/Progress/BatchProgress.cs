using System.Diagnostics;
using System.Globalization;

namespace Flux2.Cli;

/// <summary>
/// The batch's progress on stderr: on a terminal an updating bar (done/total, failures, running, concurrency, elapsed);
/// otherwise one plain line per finished input line.
/// </summary>
internal sealed class BatchProgress : IDisposable
{
    private readonly TextWriter _error;
    private readonly bool _interactive;
    private readonly int _total;
    private readonly Func<(int Running, int Limit)> _state;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private readonly Timer? _timer;
    private int _done;
    private int _failed;
    private int _drawnWidth;
    private bool _disposed;

    /// <summary>Starts showing progress for <paramref name="total"/> lines to run.</summary>
    public BatchProgress(TextWriter error, bool interactive, int total, Func<(int Running, int Limit)> state)
    {
        _error = error;
        _interactive = interactive;
        _total = total;
        _state = state;
        if (interactive)
        {
            _timer = new Timer(_ => Draw(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Wall time so far.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Records a finished line and, without a terminal, prints it.</summary>
    public void Finished(BatchReportEntry entry)
    {
        lock (_lock)
        {
            _done++;
            if (entry.Status != BatchReportEntry.Ok)
            {
                _failed++;
            }

            string text = entry.Status == BatchReportEntry.Ok
                ? string.Create(CultureInfo.InvariantCulture, $"line {entry.Line}: ok, {entry.Images.Count} image{(entry.Images.Count == 1 ? "" : "s")} -> {string.Join(", ", entry.Images.Select(i => Path.GetFileName(i.Path)))}")
                : string.Create(CultureInfo.InvariantCulture, $"line {entry.Line}: failed ({entry.Error?.Kind}): {entry.Error?.Message}");
            if (_interactive)
            {
                if (entry.Status != BatchReportEntry.Ok)
                {
                    Clear();
                    _error.WriteLine(text);
                    DrawLocked();
                }
            }
            else
            {
                _error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_done}/{_total}] {text}"));
            }
        }
    }

    /// <summary>Prints a notice (e.g. a concurrency change) above the bar.</summary>
    public void Notice(string text)
    {
        lock (_lock)
        {
            Clear();
            _error.WriteLine(text);
            if (_interactive)
            {
                DrawLocked();
            }
        }
    }

    /// <summary>Stops the bar and clears it.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _timer?.Dispose();
            Clear();
        }
    }

    private void Draw()
    {
        lock (_lock)
        {
            DrawLocked();
        }
    }

    private void DrawLocked()
    {
        if (_disposed || !_interactive)
        {
            return;
        }

        const int BarWidth = 24;
        int filled = _total == 0 ? BarWidth : _done * BarWidth / _total;
        var (running, limit) = _state();
        string line = string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {_done}/{_total}  {_failed} failed  {running} running  concurrency {limit}  {_clock.Elapsed:mm\\:ss}");
        _error.Write("\r" + line.PadRight(_drawnWidth));
        _error.Flush();
        _drawnWidth = line.Length;
    }

    private void Clear()
    {
        if (_interactive && _drawnWidth > 0)
        {
            _error.Write("\r" + new string(' ', _drawnWidth) + "\r");
            _drawnWidth = 0;
        }
    }
}
