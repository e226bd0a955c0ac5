namespace Flux2.Benchmarks;

/// <summary>Command-line settings shared by every benchmark.</summary>
internal sealed class BenchOptions
{
    /// <summary>Rounds of baseline + subject (medians are taken over them).</summary>
    public int Rounds { get; init; } = 5;

    /// <summary>Fewer rounds and samples: a smoke run, not a measurement.</summary>
    public bool Quick { get; init; }

    /// <summary>Profile the server under load where a benchmark offers it (perf with the runtime's perf maps).</summary>
    public bool Profile { get; init; }

    /// <summary>Reuse src/ projects published by an earlier run instead of publishing them again.</summary>
    public bool ReuseBuilds { get; init; }

    /// <summary>Longest time one benchmark may take before it is abandoned.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Scratch folder of this run (published servers, batch files, downloads).</summary>
    public string WorkDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "flux2-bench");
}
