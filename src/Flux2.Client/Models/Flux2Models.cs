namespace Flux2.Client;

/// <summary>The model names the project accepts, the same on every provider: the FLUX.2 family and the FLUX 3 family.</summary>
public static class Flux2Models
{
    /// <summary>FLUX.2 [pro]: production quality.</summary>
    public const string Pro = "flux-2-pro";

    /// <summary>FLUX.2 [max]: the highest FLUX.2 quality.</summary>
    public const string Max = "flux-2-max";

    /// <summary>FLUX.2 [flex]: tunable steps and guidance, best typography.</summary>
    public const string Flex = "flux-2-flex";

    /// <summary>FLUX.2 [dev]: open weights, balanced speed and quality.</summary>
    public const string Dev = "flux-2-dev";

    /// <summary>FLUX.2 [klein] 4B: small and fast.</summary>
    public const string Klein4B = "flux-2-klein-4b";

    /// <summary>FLUX.2 [klein] 9B: small and fast, higher quality than 4B.</summary>
    public const string Klein9B = "flux-2-klein-9b";

    /// <summary>FLUX.2 [flash]: fal's distilled FLUX.2 [dev] (fal only), the fastest, for prototyping.</summary>
    public const string Flash = "flux-2-flash";

    /// <summary>FLUX 3 Image: aspect ratio and resolution tier, up to 10 references, layout boxes in the prompt, web grounding, an expanded prompt.</summary>
    public const string Flux3Image = "flux-3-image";

    /// <summary>FLUX 3 Image Klein: the 5.6B open-weights FLUX 3, fast and cheap (BFL).</summary>
    public const string Flux3ImageKlein = "flux-3-image-klein";

    /// <summary>FLUX 3.1 Image: layout as structured bounding boxes, fast or quality mode; takes no seed or steps.</summary>
    public const string Flux31Image = "flux-3.1-image";

    /// <summary>The FLUX.2 family, in a stable order.</summary>
    public static IReadOnlyList<string> Flux2Family { get; } = [Pro, Max, Flex, Dev, Klein4B, Klein9B, Flash];

    /// <summary>The FLUX 3 family, in a stable order.</summary>
    public static IReadOnlyList<string> Flux3Family { get; } = [Flux3Image, Flux3ImageKlein, Flux31Image];

    /// <summary>Every model name, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Flux2Family, .. Flux3Family];

    /// <summary>Models that answer in seconds; they get shorter per-attempt time-outs.</summary>
    public static bool IsFast(string model) => model is Dev or Klein4B or Klein9B or Flash;
}
