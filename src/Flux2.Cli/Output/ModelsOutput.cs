namespace Flux2.Cli;

/// <summary>The JSON document of <c>flux2 models --json</c>.</summary>
internal sealed class ModelsOutput
{
    /// <summary>Every capability row, provider by provider.</summary>
    public required IReadOnlyList<ModelOutput> Models { get; init; }
}
