namespace Flux2.Benchmarks;

/// <summary>Facts about the machine the benchmarks share with everything else running on it.</summary>
internal static class Machine
{
    /// <summary>The 1, 5 and 15 minute load averages, or n/a where there is no /proc.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The full path of program <paramref name="name"/> on PATH (or in /usr/sbin, /sbin), or null.</summary>
    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin"])
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
