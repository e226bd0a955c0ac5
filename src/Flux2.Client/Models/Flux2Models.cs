namespace Flux2.Client;

/// <summary>The FLUX.2 model names the project accepts, the same on every provider.</summary>
public static class Flux2Models
{
    /// <summary>FLUX.2 [pro]: production quality.</summary>
    public const string Pro = "flux-2-pro";

    /// <summary>FLUX.2 [max]: the highest quality.</summary>
    public const string Max = "flux-2-max";

    /// <summary>FLUX.2 [flex]: tunable steps and guidance, best typography.</summary>
    public const string Flex = "flux-2-flex";

    /// <summary>FLUX.2 [dev]: open weights, balanced speed and quality.</summary>
    public const string Dev = "flux-2-dev";

    /// <summary>FLUX.2 [klein] 4B: small and fast.</summary>
    public const string Klein4B = "flux-2-klein-4b";

    /// <summary>FLUX.2 [klein] 9B: small and fast, higher quality than 4B.</summary>
    public const string Klein9B = "flux-2-klein-9b";

    /// <summary>FLUX.2 [flash]: the fastest, for prototyping.</summary>
    public const string Flash = "flux-2-flash";

    /// <summary>Every model name, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } = [Pro, Max, Flex, Dev, Klein4B, Klein9B, Flash];

    /// <summary>Models that answer in seconds; they get shorter per-attempt time-outs.</summary>
    public static bool IsFast(string model) => model is Dev or Klein4B or Klein9B or Flash;
}
