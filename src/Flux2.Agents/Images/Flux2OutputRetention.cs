using Flux2.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Flux2.Agents;

/// <summary>
/// Keeps the output folder within <see cref="Flux2ToolsOptions.OutputMaxAge"/> and <see cref="Flux2ToolsOptions.OutputMaxMegabytes"/>
/// (both unset by default: nothing is ever removed). A sweep removes image files older than the age, then the oldest until the folder
/// is back under 90% of the size, so one sweep makes room for many saves. It runs on the injected <see cref="TimeProvider"/>'s timer
/// (at once, then every tenth of the age, at most every 10 minutes) and as soon as the saves it is told about (<see cref="Track"/>)
/// pass the size. It only removes image files (.png, .jpg, .jpeg, .webp, .gif): never the downloader's hidden temp files being
/// written (<c>.NAME.RANDOM.tmp</c>, renamed into place only once complete), never anything else, never the image cache folder.
/// Every removal is counted (<see cref="FilesRemoved"/>, <see cref="BytesRemoved"/>) and each sweep that removed something is logged.
/// </summary>
public sealed class Flux2OutputRetention : IDisposable
{
    private static readonly TimeSpan LongestPeriod = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ShortestPeriod = TimeSpan.FromSeconds(1);
    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg", ".webp", ".gif"];

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _directory;
    private readonly string? _cacheDirectory;
    private readonly TimeSpan? _maxAge;
    private readonly long? _maxBytes;
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private Task _sweep = Task.CompletedTask;
    private bool _sweeping;
    private bool _sweepAgain;
    private long _bytes;
    private long _filesRemoved;
    private long _bytesRemoved;
    private long _sweeps;

    /// <summary>Creates the retention of <see cref="Flux2ClientOptions.OutputDirectory"/>; its timer starts when a limit is set.</summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.InvalidArgument"/> when a limit is zero or negative.</exception>
    public Flux2OutputRetention(
        IOptions<Flux2ToolsOptions> options,
        IOptions<Flux2ClientOptions> clientOptions,
        TimeProvider? timeProvider = null,
        ILogger<Flux2OutputRetention>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clientOptions);
        var value = options.Value;
        if (value.OutputMaxAge is { } age && age <= TimeSpan.Zero)
        {
            throw new Flux2Exception(Flux2ErrorKind.InvalidArgument,
                $"Flux2:Tools:OutputMaxAge is {age}; allowed: a positive time span such as 1.00:00:00 (a day), or unset to keep files for ever.")
            { Parameter = "Flux2:Tools:OutputMaxAge" };
        }

        if (value.OutputMaxMegabytes is <= 0)
        {
            throw new Flux2Exception(Flux2ErrorKind.InvalidArgument,
                $"Flux2:Tools:OutputMaxMegabytes is {value.OutputMaxMegabytes}; allowed: a positive number of megabytes such as 1024, or unset for no limit.")
            { Parameter = "Flux2:Tools:OutputMaxMegabytes" };
        }

        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<Flux2OutputRetention>.Instance;
        _directory = Path.GetFullPath(clientOptions.Value.OutputDirectory);
        _cacheDirectory = string.IsNullOrWhiteSpace(value.CacheDirectory) ? null : Path.GetFullPath(value.CacheDirectory);
        _maxAge = value.OutputMaxAge;
        _maxBytes = value.OutputMaxMegabytes * 1024L * 1024L;
        if (Enabled)
        {
            TimeSpan period = _maxAge is { } a ? TimeSpan.FromTicks(Math.Clamp(a.Ticks / 10, ShortestPeriod.Ticks, LongestPeriod.Ticks)) : LongestPeriod;
            _timer = _time.CreateTimer(static state => ((Flux2OutputRetention)state!).RequestSweep(), this, TimeSpan.Zero, period);
        }
    }

    /// <summary>True when a limit is set (otherwise nothing is ever removed).</summary>
    public bool Enabled => _maxAge is not null || _maxBytes is not null;

    /// <summary>The folder kept in bounds.</summary>
    public string Directory => _directory;

    /// <summary>Files removed so far.</summary>
    public long FilesRemoved => Interlocked.Read(ref _filesRemoved);

    /// <summary>Bytes removed so far.</summary>
    public long BytesRemoved => Interlocked.Read(ref _bytesRemoved);

    /// <summary>Sweeps finished so far.</summary>
    public long Sweeps => Interlocked.Read(ref _sweeps);

    /// <summary>Bytes of image files in the folder as of the last sweep, plus those tracked since.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Counts a file just saved into the folder; a sweep starts at once when it takes the folder past the size limit.</summary>
    public void Track(Flux2SavedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (Enabled && Interlocked.Add(ref _bytes, file.Bytes) > _maxBytes)
        {
            RequestSweep();
        }
    }

    /// <summary>Sweeps now (or waits for the sweep under way and then sweeps again) and returns when it is done.</summary>
    public Task SweepAsync()
    {
        RequestSweep();
        lock (_gate)
        {
            return _sweep;
        }
    }

    /// <summary>Stops the timer; a sweep under way finishes.</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _timer, null)?.Dispose();
    }

    /// <summary>Starts a sweep on the thread pool, or asks the one under way to run once more: at most one runs at a time.</summary>
    private void RequestSweep()
    {
        if (!Enabled)
        {
            return;
        }

        lock (_gate)
        {
            if (_sweeping)
            {
                _sweepAgain = true;
                return;
            }

            _sweeping = true;
            _sweep = Task.Run(RunSweeps);
        }
    }

    private void RunSweeps()
    {
        bool again = true;
        try
        {
            while (again)
            {
                try
                {
                    Sweep();
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    _logger.LogWarning("Output retention could not sweep {Directory}: {Message}", _directory, ex.Message);
                }

                Interlocked.Increment(ref _sweeps);
                lock (_gate)
                {
                    again = _sweepAgain;
                    _sweepAgain = false;
                    _sweeping = again;
                }
            }
        }
        finally
        {
            if (again)
            {
                // Left by an unexpected exception: the next request starts afresh.
                lock (_gate)
                {
                    _sweeping = false;
                }
            }
        }
    }

    private void Sweep()
    {
        if (!System.IO.Directory.Exists(_directory))
        {
            Interlocked.Exchange(ref _bytes, 0);
            return;
        }

        var files = new List<(FileInfo File, long Length, DateTime Written)>();
        foreach (FileInfo file in new DirectoryInfo(_directory)
            .EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 })
            .Where(IsSweepable))
        {
            try
            {
                files.Add((file, file.Length, file.LastWriteTimeUtc));
            }
            catch (FileNotFoundException)
            {
                // Removed since it was listed (by a user, or another process over the same folder).
            }
        }

        files.Sort((a, b) => a.Written.CompareTo(b.Written));
        long total = files.Sum(f => f.Length);
        DateTimeOffset now = _time.GetUtcNow();
        int aged = 0;
        int over = 0;
        long removed = 0;
        int next = 0;
        for (; next < files.Count; next++)
        {
            var (file, length, written) = files[next];
            bool old = _maxAge is { } age && new DateTimeOffset(written, TimeSpan.Zero) + age <= now;

            // Over the size: down to 90% of it, so the next sweep is many saves away rather than the next one.
            bool tooMuch = _maxBytes is { } max && total > (over > 0 ? max * 9 / 10 : max);
            if (!old && !tooMuch)
            {
                break;
            }

            if (Remove(file))
            {
                total -= length;
                removed += length;
                if (old)
                {
                    aged++;
                }
                else
                {
                    over++;
                }
            }
        }

        Interlocked.Exchange(ref _bytes, total);
        if (aged + over > 0)
        {
            Interlocked.Add(ref _filesRemoved, aged + over);
            Interlocked.Add(ref _bytesRemoved, removed);
            _logger.LogInformation(
                "Output retention removed {Files} files ({Megabytes:0.0} MB) from {Directory}: {Aged} older than {MaxAge}, {Over} over {MaxMegabytes} MB; {Kept} files ({KeptMegabytes:0.0} MB) kept",
                aged + over, removed / 1048576d, _directory, aged, _maxAge?.ToString() ?? "no age limit", over,
                _maxBytes is { } limit ? (limit / 1048576).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no", files.Count - next, total / 1048576d);
        }
    }

    private bool IsSweepable(FileInfo file) =>
        ImageExtensions.Contains(file.Extension, StringComparer.OrdinalIgnoreCase)
        && !file.Name.StartsWith('.')
        && (_cacheDirectory is null || !file.FullName.StartsWith(_cacheDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal));

    private bool Remove(FileInfo file)
    {
        try
        {
            file.Delete();
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("Output retention could not remove {File}: {Message}", file.FullName, ex.Message);
            return false;
        }
    }
}
