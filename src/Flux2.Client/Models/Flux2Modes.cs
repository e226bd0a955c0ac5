namespace Flux2.Client;

/// <summary>The speed/quality modes of FLUX 3.1 Image.</summary>
public static class Flux2Modes
{
    /// <summary>Faster and cheaper, for volume.</summary>
    public const string Fast = "fast";

    /// <summary>The best the model does.</summary>
    public const string Quality = "quality";

    /// <summary>Every mode.</summary>
    public static IReadOnlyList<string> All { get; } = [Fast, Quality];
}
