using System.Diagnostics;
using System.Globalization;

namespace Flux2.Cli;

/// <summary>
/// The batch's progress on stderr: on a terminal an updating bar (done/total, failures, running, concurrency, elapsed)
/// with failures printed above it; otherwise one plain line per finished input line.
/// </summary>
internal sealed class BatchProgress : IDisposable
{
    private const int BarWidth = 24;

    private readonly StatusLine _status;
    private readonly int _total;
    private readonly Func<(int Running, int Limit)> _state;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private readonly Timer? _timer;
    private int _done;
    private int _failed;
    private bool _disposed;

    /// <summary>Starts showing progress for <paramref name="total"/> lines to run.</summary>
    public BatchProgress(StatusLine status, int total, Func<(int Running, int Limit)> state)
    {
        _status = status;
        _total = total;
        _state = state;
        if (status.Interactive)
        {
            _timer = new Timer(_ => Draw(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Wall time so far.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Records a finished line; prints it (only failures on a terminal, where the bar shows the rest).</summary>
    public void Finished(BatchReportEntry entry)
    {
        lock (_lock)
        {
            _done++;
            bool ok = entry.Status == BatchReportEntry.Ok;
            if (!ok)
            {
                _failed++;
            }

            string text = ok
                ? string.Create(CultureInfo.InvariantCulture, $"line {entry.Line}: ok, {entry.Images.Count} image{(entry.Images.Count == 1 ? "" : "s")} -> {string.Join(", ", entry.Images.Select(i => Path.GetFileName(i.Path)))}")
                : $"line {entry.Line}: failed ({entry.Error?.Kind}): {entry.Error?.Message}";
            if (!_status.Interactive)
            {
                _status.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_done}/{_total}] {text}"));
            }
            else if (!ok)
            {
                _status.WriteLine(text);
            }

            DrawLocked();
        }
    }

    /// <summary>Prints a notice (e.g. a concurrency change) above the bar.</summary>
    public void Notice(string text) => _status.WriteLine(text);

    /// <summary>Stops the bar and removes it.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _timer?.Dispose();
            _status.Show(null);
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
        if (_disposed || !_status.Interactive)
        {
            return;
        }

        int filled = _total == 0 ? BarWidth : _done * BarWidth / _total;
        var (running, limit) = _state();
        _status.Show(string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {_done}/{_total}  {_failed} failed  {running} running  concurrency {limit}  {_clock.Elapsed:mm\\:ss}"));
    }
}
