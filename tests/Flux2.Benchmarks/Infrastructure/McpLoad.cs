using System.Collections.Concurrent;
using System.Diagnostics;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Flux2.Benchmarks;

/// <summary>
/// MCP load over HTTP as many users make it: <c>sessions</c> SDK clients (<see cref="McpClient"/>, SDK defaults), all at once, each
/// making its calls one after the other.
/// </summary>
internal static class McpLoad
{
    /// <summary>The arguments of one generate_image call of a session (1024x1024, one seed per session).</summary>
    public static Dictionary<string, object?> Generate(int session, string prompt) => new()
    {
        ["prompt"] = prompt,
        ["size"] = "1024x1024",
        ["seed"] = session + 1, // one image per session: renders come from the simulator's cache after the warm-up
    };

    /// <summary>
    /// Runs <paramref name="sessions"/> sessions of <paramref name="calls"/> generate_image calls against <paramref name="endpoint"/>;
    /// <paramref name="onCall"/> (optional) sees each finished call, successful or not.
    /// </summary>
    public static async Task<McpLoadRun> RunAsync(
        Uri endpoint, int sessions, int calls, Func<int, int, Dictionary<string, object?>> arguments, CancellationToken cancellationToken, Action? onCall = null)
    {
        var latencies = new ConcurrentBag<double>();
        int errors = 0;
        string? firstError = null;
        long started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, sessions), new ParallelOptions { MaxDegreeOfParallelism = sessions, CancellationToken = cancellationToken }, async (session, token) =>
        {
            void Fail(string message)
            {
                Interlocked.Increment(ref errors);
                Interlocked.CompareExchange(ref firstError, message, null);
            }

            McpClient client;
            try
            {
                client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = endpoint }), cancellationToken: token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or McpException or IOException or TimeoutException)
            {
                Fail($"connect: {ex.GetType().Name}: {ex.Message}");
                for (int i = 1; i < calls; i++)
                {
                    Interlocked.Increment(ref errors);
                }

                return;
            }

            await using (client.ConfigureAwait(false))
            {
                for (int call = 0; call < calls; call++)
                {
                    long callStarted = Stopwatch.GetTimestamp();
                    try
                    {
                        CallToolResult result = await client.CallToolAsync("generate_image", arguments(session, call), cancellationToken: token).ConfigureAwait(false);
                        if (result.IsError == true)
                        {
                            Fail("tool error: " + string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
                            continue;
                        }

                        latencies.Add(Stopwatch.GetElapsedTime(callStarted).TotalMilliseconds);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or McpException or IOException or TimeoutException)
                    {
                        Fail($"{ex.GetType().Name}: {ex.Message}");
                    }
                    finally
                    {
                        onCall?.Invoke();
                    }
                }
            }
        }).ConfigureAwait(false);
        return new McpLoadRun([.. latencies], errors, Stopwatch.GetElapsedTime(started).TotalMilliseconds, firstError);
    }
}

/// <summary>One load run: per-call latencies of the successful calls, errors, wall time.</summary>
internal sealed record McpLoadRun(IReadOnlyList<double> Latencies, int Errors, double WallMs, string? FirstError)
{
    /// <summary>Median latency of the successful calls.</summary>
    public double P50 => Stats.Median([.. Latencies]);

    /// <summary>99th percentile latency of the successful calls.</summary>
    public double P99 => Stats.Percentile([.. Latencies], 99);

    /// <summary>One line: calls, errors, p50, p99, wall.</summary>
    public string Describe() =>
        $"{Latencies.Count + Errors} calls, {Errors} errors, p50 {BenchReport.Ms(P50)}, p99 {BenchReport.Ms(P99)}, wall {BenchReport.Ms(WallMs)}"
        + (FirstError is null ? "" : $"; first error: {FirstError}");
}

/// <summary>Medians over the rounds of one target.</summary>
internal sealed record McpLoadSummary(double P50, double P99, double WallMs, int Errors, int Calls, string? FirstError, IReadOnlyList<double> Walls)
{
    /// <summary>Medians of <paramref name="runs"/>' p50, p99 and wall; errors and calls summed.</summary>
    public static McpLoadSummary Of(IReadOnlyList<McpLoadRun> runs) => new(
        Stats.Median([.. runs.Select(r => r.P50)]),
        Stats.Median([.. runs.Select(r => r.P99)]),
        Stats.Median([.. runs.Select(r => r.WallMs)]),
        runs.Sum(r => r.Errors),
        runs.Sum(r => r.Latencies.Count + r.Errors),
        runs.Select(r => r.FirstError).FirstOrDefault(e => e is not null),
        [.. runs.Select(r => r.WallMs)]);

    /// <summary>One line: p50, p99, wall (and each round's), errors.</summary>
    public string Describe() =>
        $"p50 {BenchReport.Ms(P50)}, p99 {BenchReport.Ms(P99)}, wall {BenchReport.Ms(WallMs)} {BenchReport.List(Walls, BenchReport.Ms)} (medians of rounds), {Errors} errors in {Calls} calls";
}
