using System.Globalization;

namespace Flux2.Benchmarks;

/// <summary>Where the wall time of one batch run went, rebuilt by <see cref="BatchTimeline"/> from the simulator's jobs and counters.</summary>
internal sealed record BatchAnalysis
{
    /// <summary>Submits answered 429 (every submit the simulator counted that did not start a job).</summary>
    public int Refused { get; init; }

    /// <summary>Times the batch's AIMD limiter lowered its limit after a 429.</summary>
    public int Decreases { get; init; }

    /// <summary>The lowest concurrency limit the batch announced.</summary>
    public int LowestLimit { get; init; }

    /// <summary>The batch's concurrency notices, time-stamped from the spawn.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>Spawn to the first accepted submit.</summary>
    public double StartMs { get; init; }

    /// <summary>First accepted submit to the last job's completion.</summary>
    public double SpanMs { get; init; }

    /// <summary>Mean jobs running at the simulator over the span.</summary>
    public double MeanInFlight { get; init; }

    /// <summary>Slot time (limit x span) with no job in it.</summary>
    public double IdleSlotMs { get; init; }

    /// <summary>Idle slot time up to the last accepted submit (while lines were still waiting to be sent).</summary>
    public double SteadyIdleSlotMs { get; init; }

    /// <summary>Last accepted submit to the last completion (one latency when the last wave is sent together).</summary>
    public double DrainMs { get; init; }

    /// <summary>Last completion to the process's exit (result, image download, save, report).</summary>
    public double TailMs { get; init; }

    /// <summary>One character per 100 ms: mean jobs in flight, rounded ('.' for none).</summary>
    public string InFlightRow { get; init; } = "";

    /// <summary>One character per 100 ms: submits answered 429 ('.' none, 1-9, '+' for ten or more).</summary>
    public string RefusedRow { get; init; } = "";

    /// <summary>The per-bucket figures as CSV.</summary>
    public string Csv { get; init; } = "";

    /// <summary>Every accepted job's submit and completion time (ms from the spawn) as CSV.</summary>
    public string JobsCsv { get; init; } = "";

    /// <summary>A one-line account.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"start {StartMs:0} ms, span {SpanMs:0} ms at {MeanInFlight:0.00} in flight (idle slot time {IdleSlotMs:0} ms, {SteadyIdleSlotMs:0} of it before the last submit), " +
        $"drain {DrainMs:0} ms, tail {TailMs:0} ms, AIMD decreases {Decreases} (lowest {LowestLimit})");
}
