namespace Flux2.Cli;

/// <summary>An inclusive range with the provider's default.</summary>
internal sealed class RangeOutput
{
    /// <summary>Smallest value.</summary>
    public double Min { get; init; }

    /// <summary>Largest value.</summary>
    public double Max { get; init; }

    /// <summary>The provider's default.</summary>
    public double Default { get; init; }
}
