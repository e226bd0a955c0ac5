namespace Flux2.Cli;

/// <summary>The parsed arguments of <c>flux2 batch</c>.</summary>
internal sealed record BatchArguments
{
    public required string File { get; init; }

    public int Concurrency { get; init; } = 4;

    public string? Out { get; init; }

    public bool Force { get; init; }

    public bool Json { get; init; }

    public bool Verbose { get; init; }
}
