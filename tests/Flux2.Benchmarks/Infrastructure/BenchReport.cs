using System.Globalization;

namespace Flux2.Benchmarks;

/// <summary>Prints figures and verdicts of one benchmark and remembers whether every target was met.</summary>
internal sealed class BenchReport
{
    private readonly List<string> _verdicts = [];

    /// <summary>The benchmark's name.</summary>
    public required string Name { get; init; }

    /// <summary>True when a target was missed.</summary>
    public bool Missed { get; private set; }

    /// <summary>The verdict lines (for the closing summary).</summary>
    public IReadOnlyList<string> Verdicts => _verdicts;

    /// <summary>Prints one figure line.</summary>
    public void Figure(string label, string text) => Console.WriteLine($"  {label,-28} {text}");

    /// <summary>Prints a note (progress, environment facts).</summary>
    public static void Note(string text) => Console.WriteLine($"  - {text}");

    /// <summary>Prints a verdict: the measured value against its target, PASS or MISS.</summary>
    public void Verdict(string what, bool pass, string detail)
    {
        Missed |= !pass;
        string line = $"{(pass ? "PASS" : "MISS")}  {what}: {detail}";
        _verdicts.Add(line);
        Console.WriteLine($"  {line}");
    }

    /// <summary>Formats milliseconds.</summary>
    public static string Ms(double ms) => ms >= 1000
        ? (ms / 1000).ToString("0.000", CultureInfo.InvariantCulture) + " s"
        : ms.ToString(ms >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>Formats a ratio.</summary>
    public static string X(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x";

    /// <summary>Formats bytes.</summary>
    public static string Bytes(double bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB"
        : bytes >= 1024 ? (bytes / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KiB" : bytes.ToString("0", CultureInfo.InvariantCulture) + " B";

    /// <summary>Formats a list of samples.</summary>
    public static string List(IEnumerable<double> values, Func<double, string> format) => "[" + string.Join(", ", values.Select(format)) + "]";
}
