using System.Text.Json;
using Flux2.Simulator.Hosting;
using SkiaSharp;

namespace Flux2.Simulator.Dialects.Flux3;

/// <summary>Reads the reference images of a FLUX 3 family request: how many, and the first one's size (what auto and match_first_image follow).</summary>
internal static class Flux3References
{
    /// <summary>The image strings of a field that holds one string or a list of them; null when the field has another shape.</summary>
    public static IReadOnlyList<string>? Read(JsonElement body, string field)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString() is { Length: > 0 } one ? [one] : null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || v.GetString()!.Length == 0))
        {
            return null;
        }

        return [.. value.EnumerateArray().Select(v => v.GetString()!)];
    }

    /// <summary>
    /// The pixel size of an image given as base64, a data URI or a URL of the simulator's own CDN; null for any other URL
    /// (the simulator reaches no other host), in which case auto falls back to 1:1.
    /// </summary>
    public static (int Width, int Height)? Measure(SimulatorEngine engine, string image)
    {
        if (Uri.TryCreate(image, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            var parts = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return parts is ["files", var id, ..] && engine.FindFile(id) is { } file ? (file.Key.Width, file.Key.Height) : null;
        }

        var base64 = image.StartsWith("data:", StringComparison.Ordinal) ? image[(image.IndexOf(',', StringComparison.Ordinal) + 1)..] : image;
        var bytes = new byte[base64.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return null;
        }

        using var codec = SKCodec.Create(new MemoryStream(bytes, 0, written));
        return codec is null ? null : (codec.Info.Width, codec.Info.Height);
    }
}
