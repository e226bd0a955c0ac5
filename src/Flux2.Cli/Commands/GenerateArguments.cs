using Flux2.Client;

namespace Flux2.Cli;

/// <summary>The parsed arguments of <c>flux2 generate</c>.</summary>
internal sealed record GenerateArguments
{
    public required string Prompt { get; init; }

    public string? Provider { get; init; }

    public string? Model { get; init; }

    public string? Size { get; init; }

    public string? Resolution { get; init; }

    public IReadOnlyList<Flux2LayoutBox> Layout { get; init; } = [];

    public string? Mode { get; init; }

    public bool? Grounding { get; init; }

    public long? Seed { get; init; }

    public int? Steps { get; init; }

    public double? Guidance { get; init; }

    public int? NumImages { get; init; }

    public string? Format { get; init; }

    public int? SafetyTolerance { get; init; }

    public IReadOnlyList<string> References { get; init; } = [];

    public IReadOnlyList<Flux2Lora> Loras { get; init; } = [];

    public string? Out { get; init; }

    public bool Json { get; init; }

    public bool Verbose { get; init; }
}
