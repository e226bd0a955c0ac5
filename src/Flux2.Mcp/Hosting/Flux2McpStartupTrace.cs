using System.Diagnostics;

namespace Flux2.Mcp;

/// <summary>
/// Start-up timestamps on stderr when <c>FLUX2_MCP_TRACE_STARTUP=1</c> (milliseconds since the process started), for diagnosing
/// cold-start time; costs one environment read when off.
/// </summary>
internal static class Flux2McpStartupTrace
{
    /// <summary>Whether tracing is on.</summary>
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("FLUX2_MCP_TRACE_STARTUP") == "1";

    private static readonly long Origin = Enabled ? ProcessStartTimestamp() : 0;

    /// <summary>Writes <paramref name="label"/> with the time since the process started.</summary>
    public static void Mark(string label)
    {
        if (Enabled)
        {
            Console.Error.WriteLine($"[startup] {Stopwatch.GetElapsedTime(Origin).TotalMilliseconds,7:0.0} ms  {label}");
        }
    }

    private static long ProcessStartTimestamp()
    {
        using var process = Process.GetCurrentProcess();
        TimeSpan age = DateTime.Now - process.StartTime;
        return Stopwatch.GetTimestamp() - (long)(age.TotalSeconds * Stopwatch.Frequency);
    }
}
