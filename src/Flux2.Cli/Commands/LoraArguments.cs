using System.Globalization;
using Flux2.Client;

namespace Flux2.Cli;

/// <summary>Reads <c>--lora PATH[:SCALE]</c> values: a URL of a .safetensors file, a Hugging Face owner/repo or a BFL finetune id, with an optional scale (0 to 4, default 1).</summary>
internal static class LoraArguments
{
    /// <summary>Parses one value; the scale is what follows the last colon when it is a number (so URLs keep their own colons).</summary>
    public static bool TryParse(string value, out Flux2Lora? lora, out string? error)
    {
        lora = null;
        error = null;
        string text = value.Trim();
        string path = text;
        double scale = 1;
        int colon = text.LastIndexOf(':');
        if (colon >= 0 && double.TryParse(text.AsSpan(colon + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed))
        {
            path = text[..colon];
            scale = parsed;
        }

        if (path.Length == 0)
        {
            error = $"--lora '{value}' has no path; pass PATH[:SCALE], e.g. --lora owner/repo:0.8 or --lora https://example.com/style.safetensors.";
            return false;
        }

        if (double.IsNaN(scale) || scale < Flux2Lora.MinScale || scale > Flux2Lora.MaxScale)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"--lora '{value}' has scale {scale}; allowed: {Flux2Lora.MinScale} to {Flux2Lora.MaxScale} (1 is the LoRA as trained).");
            return false;
        }

        lora = new Flux2Lora(path, scale);
        return true;
    }
}
