using System.Diagnostics;
using System.Globalization;
using Flux2.Agents;
using Flux2.Client;

namespace Flux2.Cli;

/// <summary>Runs the lines of a batch under an <see cref="AdaptiveConcurrencyLimiter"/>, saves every image and reports each line in order.</summary>
internal sealed class BatchRunner(
    CliRuntime runtime,
    IFlux2Client client,
    IFlux2Downloader downloader,
    Flux2ClientOptions clientOptions,
    string directory,
    string inputDirectory,
    IReadOnlyList<string> referenceRoots,
    BatchArguments args,
    TimeProvider timeProvider)
{
    /// <summary>Tries of one line that keeps being rate limited (the HTTP pipeline does not retry 429s in a batch: this does).</summary>
    public const int MaxRateLimitedAttempts = 20;

    /// <summary>The longest wait before a rate-limited line is tried again.</summary>
    public static readonly TimeSpan MaxRateLimitWait = TimeSpan.FromSeconds(30);

    private readonly AdaptiveConcurrencyLimiter _limiter = new(args.Concurrency);

    /// <summary>Runs every item not already done; returns the exit code.</summary>
    public async Task<int> RunAsync(IReadOnlyList<BatchItem> items, IReadOnlyDictionary<string, BatchReportEntry> previous, CancellationToken cancellationToken)
    {
        var codes = new int[items.Count];
        var entries = new BatchReportEntry[items.Count];
        string reportPath = Path.Combine(directory, BatchCommand.ReportFileName);
        using var report = new BatchReport(reportPath, items.Count, args.Json ? runtime.Out : null);

        var toRun = new List<int>();
        for (int i = 0; i < items.Count; i++)
        {
            if (previous.TryGetValue(items[i].Key, out var done))
            {
                done.Skipped = true;
                entries[i] = done;
                report.Complete(i, done);
            }
            else
            {
                toRun.Add(i);
            }
        }

        int skipped = items.Count - toRun.Count;
        runtime.Status.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Batch: {items.Count} line{(items.Count == 1 ? "" : "s")}, {toRun.Count} to run{(skipped > 0 ? $", {skipped} already done (--force runs them again)" : "")}, concurrency {args.Concurrency}, saving to {directory}"));

        using (var progress = new BatchProgress(runtime.Status, toRun.Count, () => (_limiter.InFlight, _limiter.Limit)))
        {
            _limiter.LimitChanged += (old, now) => progress.Notice(now < old
                ? string.Create(CultureInfo.InvariantCulture, $"rate limited: concurrency {old} -> {now}")
                : string.Create(CultureInfo.InvariantCulture, $"concurrency {old} -> {now}"));

            await Task.WhenAll(toRun.Select(async index =>
            {
                var (entry, code) = await RunOneAsync(items[index], cancellationToken).ConfigureAwait(false);
                entries[index] = entry;
                codes[index] = code;
                report.Complete(index, entry);
                progress.Finished(entry);
            })).ConfigureAwait(false);

            PrintSummary(entries, toRun, skipped, progress.Elapsed, reportPath);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return CliExitCodes.Cancelled;
        }

        return codes.FirstOrDefault(c => c != CliExitCodes.Success);
    }

    private async Task<(BatchReportEntry Entry, int Code)> RunOneAsync(BatchItem item, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var entry = new BatchReportEntry { Line = item.Line, Key = item.Key, Prompt = item.Prompt };
        try
        {
            if (item.Problem is { } problem)
            {
                throw problem;
            }

            var request = item.Request!.Clone();
            request.ReferenceImages = await ReferenceImages.ResolveAsync(request.ReferenceImages, inputDirectory, referenceRoots, cancellationToken).ConfigureAwait(false);
            request.OutputFormat = Flux2ImageFiles.FormatToAsk(item.WantedFormat, request, client.Capabilities, clientOptions);
            var result = await GenerateAdaptivelyAsync(request, cancellationToken).ConfigureAwait(false);
            var (images, warnings) = await ImageSaver.SaveAllAsync(
                downloader, result, new OutputTarget(directory, item.FileName), request.Prompt,
                item.Line.ToString("D4", CultureInfo.InvariantCulture) + "-", timeProvider, cancellationToken).ConfigureAwait(false);

            entry.Status = BatchReportEntry.Ok;
            entry.Simulated = result.Simulated;
            entry.Provider = result.Provider;
            entry.Model = result.Model;
            entry.Seed = result.Seed;
            entry.RequestId = result.RequestId;
            entry.Images = images;
            entry.CostUsd = result.Cost.ActualUsd ?? result.Cost.EstimatedUsd;
            entry.Warnings = warnings.Count > 0 ? warnings : null;
            entry.ElapsedSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3);
            return (entry, CliExitCodes.Success);
        }
#pragma warning disable CA1031 // One failed line never stops the rest: it becomes a typed error in the report.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var (error, code) = CliErrors.Describe(ex, cancellationToken);
            entry.Status = BatchReportEntry.Failed;
            entry.Error = error;
            entry.ElapsedSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3);
            return (entry, code);
        }
    }

    private async Task<Flux2ImageResult> GenerateAdaptivelyAsync(Flux2ImageRequest request, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            var lease = await _limiter.AcquireAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await client.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
                lease.Succeeded();
                return result;
            }
            catch (Flux2Exception ex) when (ex.Kind == Flux2ErrorKind.RateLimited && attempt < MaxRateLimitedAttempts && !cancellationToken.IsCancellationRequested)
            {
                lease.RateLimited();
                var wait = ex.RetryAfter ?? TimeSpan.FromSeconds(attempt);
                wait = TimeSpan.FromMilliseconds(Math.Clamp(wait.TotalMilliseconds, 100, MaxRateLimitWait.TotalMilliseconds) * (1 + (Random.Shared.NextDouble() * 0.2)));
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (Flux2Exception ex) when (ex.Kind == Flux2ErrorKind.RateLimited)
            {
                lease.RateLimited();
                throw;
            }
            finally
            {
                lease.Dispose();
            }
        }
    }

    private void PrintSummary(BatchReportEntry[] entries, List<int> ran, int skipped, TimeSpan elapsed, string reportPath)
    {
        int ok = ran.Count(i => entries[i]?.Status == BatchReportEntry.Ok);
        int failed = ran.Count - ok;
        int images = ran.Sum(i => entries[i]?.Status == BatchReportEntry.Ok ? entries[i].Images.Count : 0);
        decimal cost = ran.Sum(i => entries[i]?.CostUsd ?? 0m);
        bool simulated = ran.Any(i => entries[i]?.Simulated == true);
        runtime.Status.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Done: {ok} succeeded, {failed} failed, {skipped} skipped; {images} image{(images == 1 ? "" : "s")}; cost ${cost:0.000}{(simulated ? " (simulated)" : "")}; {elapsed.TotalSeconds:0.0}s wall time."));
        runtime.Status.WriteLine($"Report: {reportPath}");
        if (failed > 0)
        {
            runtime.Status.WriteLine("Run the same command again to retry only the failed lines.");
        }
    }
}
