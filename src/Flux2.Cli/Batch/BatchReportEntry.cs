namespace Flux2.Cli;

/// <summary>One line of <c>report.jsonl</c> (and of <c>flux2 batch --json</c>): the outcome of one input line.</summary>
internal sealed class BatchReportEntry
{
    /// <summary>The status of a line whose images were all saved.</summary>
    public const string Ok = "ok";

    /// <summary>The status of a line that failed.</summary>
    public const string Failed = "error";

    /// <summary>1-based line number in the input file.</summary>
    public int Line { get; set; }

    /// <summary>Line number plus a hash of the line's text: a rerun skips a line whose key has an "ok" entry.</summary>
    public string Key { get; set; } = "";

    /// <summary>"ok" or "error".</summary>
    public string Status { get; set; } = Failed;

    /// <summary>True when this run skipped the line because an earlier run had done it.</summary>
    public bool Skipped { get; set; }

    /// <summary>The prompt, when the line could be read.</summary>
    public string? Prompt { get; set; }

    /// <summary>True when the built-in simulator served the line.</summary>
    public bool? Simulated { get; set; }

    /// <summary>The provider that served it.</summary>
    public string? Provider { get; set; }

    /// <summary>The model.</summary>
    public string? Model { get; set; }

    /// <summary>The seed used.</summary>
    public long? Seed { get; set; }

    /// <summary>The provider's request id(s).</summary>
    public string? RequestId { get; set; }

    /// <summary>The saved images.</summary>
    public IList<ImageOutput> Images { get; set; } = [];

    /// <summary>The cost in dollars (actual where reported, else estimated).</summary>
    public decimal? CostUsd { get; set; }

    /// <summary>Wall seconds this line took, retries included.</summary>
    public double? ElapsedSeconds { get; set; }

    /// <summary>Warnings from the provider (clamped parameters, filtered images) and from saving (a file converted to the format its name asks for).</summary>
    public IList<string>? Warnings { get; set; }

    /// <summary>The error, for a failed line.</summary>
    public ErrorOutput? Error { get; set; }
}
