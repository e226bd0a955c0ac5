using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>How a model's provider takes the size of the image (serialized by name, e.g. in <c>flux2://models</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Flux2SizeEncoding>))]
public enum Flux2SizeEncoding
{
    /// <summary>Exact pixels: width and height (or fal's and AIML's <c>image_size</c> object).</summary>
    Pixels,

    /// <summary>Replicate pro/max/flex: an aspect ratio with a whole-megapixel <c>resolution</c> when that is exact, else <c>custom</c> pixels.</summary>
    AspectRatioAndResolution,

    /// <summary>Replicate dev: <c>aspect_ratio: custom</c> with exact width and height.</summary>
    CustomPixels,

    /// <summary>Replicate klein: the nearest aspect ratio and <c>output_megapixels</c>; exact pixels cannot be asked for.</summary>
    AspectRatioAndMegapixels,

    /// <summary>Segmind klein: the nearest aspect ratio only (about 1 MP); exact pixels cannot be asked for.</summary>
    AspectRatio,

    /// <summary>The FLUX 3 family: an aspect-ratio preset (or auto) and a resolution tier (<see cref="Flux2Resolutions"/>); exact pixels cannot be asked for.</summary>
    AspectRatioAndTier,
}
