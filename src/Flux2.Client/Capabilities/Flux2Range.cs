namespace Flux2.Client;

/// <summary>An inclusive numeric range with the provider's default.</summary>
/// <param name="Min">The smallest allowed value.</param>
/// <param name="Max">The largest allowed value.</param>
/// <param name="Default">What the provider uses when the field is omitted.</param>
public sealed record Flux2Range(double Min, double Max, double Default)
{
    /// <summary>The value clamped into the range.</summary>
    public double Clamp(double value) => Math.Clamp(value, Min, Max);

    /// <summary>True when the value lies inside the range.</summary>
    public bool Contains(double value) => value >= Min && value <= Max;
}
