using System.Diagnostics;
using System.Text;

namespace Flux2.Benchmarks;

/// <summary>
/// Times one MCP stdio server start the way a client sees it, with raw JSON-RPC lines (no SDK on either side of the pipe):
/// spawn -> the <c>initialize</c> result on stdout, then (after <c>notifications/initialized</c>) stdin closed -> process exit.
/// </summary>
internal static class StdioStartup
{
    private const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"flux2-bench","version":"1.0.0"}}}""";

    private const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    /// <summary>Spawns <paramref name="command"/>, returns (spawn -> initialize result, stdin closed -> exit) in milliseconds.</summary>
    public static async Task<(double StartMs, double CloseMs)> MeasureAsync(
        string command, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var pair in environment)
        {
            if (pair.Value is null)
            {
                info.Environment.Remove(pair.Key);
            }
            else
            {
                info.Environment[pair.Key] = pair.Value;
            }
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        long spawned = Stopwatch.GetTimestamp();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {command}");
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.StandardInput.WriteLineAsync(Initialize.AsMemory(), limit.Token).ConfigureAwait(false);
            await process.StandardInput.FlushAsync(limit.Token).ConfigureAwait(false);
            while (true)
            {
                string? line = await process.StandardOutput.ReadLineAsync(limit.Token).ConfigureAwait(false);
                if (line is null)
                {
                    throw new InvalidOperationException($"{command} closed stdout before answering initialize; stderr: {await stderr.ConfigureAwait(false)}");
                }

                if (line.Contains("\"id\":1", StringComparison.Ordinal) && line.Contains("\"result\"", StringComparison.Ordinal))
                {
                    break;
                }
            }

            double startMs = Stopwatch.GetElapsedTime(spawned).TotalMilliseconds;
            await process.StandardInput.WriteLineAsync(Initialized.AsMemory(), limit.Token).ConfigureAwait(false);
            await process.StandardInput.FlushAsync(limit.Token).ConfigureAwait(false);
            long closing = Stopwatch.GetTimestamp();
            process.StandardInput.Close();
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            double closeMs = Stopwatch.GetElapsedTime(closing).TotalMilliseconds;
            return (startMs, closeMs);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
