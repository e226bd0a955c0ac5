using System.Diagnostics;
using System.Globalization;
using Flux2.Client;

namespace Flux2.Cli;

/// <summary>
/// Shows a job's progress on stderr: on a terminal one updating line with a spinner, the status, queue position, elapsed
/// time and the newest provider log line; otherwise a plain line whenever something changes.
/// </summary>
internal sealed class ProgressDisplay : IProgress<Flux2Progress>, IDisposable
{
    private static readonly string[] Frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

    private readonly StatusLine _status;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private readonly Timer? _timer;
    private Flux2Progress _last;
    private string? _lastPlain;
    private int _frame;
    private bool _disposed;

    /// <summary>Starts the display; on a terminal it redraws ten times a second.</summary>
    public ProgressDisplay(StatusLine status, string startMessage)
    {
        _status = status;
        _last = new Flux2Progress { Status = Flux2ProgressStatus.Waiting, Message = startMessage };
        if (status.Interactive)
        {
            _timer = new Timer(_ => Draw(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
        }
        else
        {
            WritePlain(_last);
        }
    }

    /// <inheritdoc/>
    public void Report(Flux2Progress value)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _last = value;
            if (!_status.Interactive)
            {
                WritePlain(value);
            }
        }
    }

    /// <summary>Removes the updating line so the next output starts clean.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer?.Dispose();
            _status.Show(null);
        }
    }

    /// <summary>The words for a progress report: "queued (position 2)", "running: step 3/28".</summary>
    public static string Describe(Flux2Progress progress)
    {
        string status = progress.Status switch
        {
            Flux2ProgressStatus.Queued => progress.QueuePosition is { } position
                ? string.Create(CultureInfo.InvariantCulture, $"queued (position {position})")
                : "queued",
            Flux2ProgressStatus.Running => progress.Fraction is { } fraction
                ? string.Create(CultureInfo.InvariantCulture, $"running {fraction:P0}")
                : "running",
            Flux2ProgressStatus.Completed => "done, fetching the result",
            Flux2ProgressStatus.Retrying => "retrying",
            _ => "waiting",
        };
        return string.IsNullOrWhiteSpace(progress.Message) ? status : $"{status}: {progress.Message.Trim()}";
    }

    private void WritePlain(Flux2Progress progress)
    {
        string text = Describe(progress);
        if (text == _lastPlain)
        {
            return;
        }

        _lastPlain = text;
        _status.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,5:0.0}s] {text}"));
    }

    private void Draw()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _frame = (_frame + 1) % Frames.Length;
            _status.Show(string.Create(CultureInfo.InvariantCulture, $"{Frames[_frame]} {_clock.Elapsed.TotalSeconds:0.0}s  {Describe(_last)}"));
        }
    }
}
