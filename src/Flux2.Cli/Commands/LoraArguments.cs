using System.Globalization;
using Flux2.Client;

namespace Flux2.Cli;

/// <summary>
/// Reads <c>--lora PATH[:SCALE]</c> values: a URL of a .safetensors file, a Hugging Face owner/repo or a BFL finetune id, with an
/// optional scale (default 1). Only the syntax is read here; the path and scale rules are the request planner's.
/// </summary>
internal static class LoraArguments
{
    /// <summary>Splits one value; the scale is what follows the last colon when it is a number (so URLs keep their own colons).</summary>
    public static Flux2Lora Parse(string value)
    {
        string text = value.Trim();
        int colon = text.LastIndexOf(':');
        return colon >= 0 && double.TryParse(text.AsSpan(colon + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double scale)
            ? new Flux2Lora(text[..colon], scale)
            : new Flux2Lora(text);
    }
}
