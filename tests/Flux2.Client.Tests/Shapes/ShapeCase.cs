using System.Globalization;

namespace Flux2.Client.Tests.Shapes;

/// <summary>One (provider, model, feature) the capability matrix says is supported, and the request that exercises it.</summary>
public sealed record ShapeCase(string Provider, string Model, string Feature)
{
    /// <summary>Builds the request for this feature on a row.</summary>
    internal Flux2ImageRequest Build(Flux2ModelCapabilities row)
    {
        var request = new Flux2ImageRequest { Prompt = "a lighthouse on a cliff at dawn", Model = Model, Provider = Provider, Size = "512x512" };
        string[] parts = Feature.Split(':', 2);
        string argument = parts.Length > 1 ? parts[1] : "";
        switch (parts[0])
        {
            case "text":
                request.Size = null;
                break;
            case "size":
                request.Size = argument == "largest" ? $"{row.MaxSide}x{row.MaxSide}" : argument;
                break;
            case "references":
                request.ReferenceImages = References(int.Parse(argument, CultureInfo.InvariantCulture));
                break;
            case "count":
                request.NumImages = int.Parse(argument, CultureInfo.InvariantCulture);
                break;
            case "seed":
                request.Seed = 1234;
                break;
            case "format":
                request.OutputFormat = argument;
                break;
            case "safety":
                request.SafetyTolerance = int.Parse(argument, CultureInfo.InvariantCulture);
                break;
            case "tuning":
                request.GuidanceScale = row.Guidance?.Max;
                request.Steps = (int?)row.Steps?.Min;
                break;
            case "lora":
                request.Loras = [.. Enumerable.Range(1, row.Loras!.MaxLoras).Select(i => new Flux2Lora(row.Loras.Finetune ? $"my-finetune-{i}" : $"https://example.com/lora-{i}.safetensors", 0.8))];
                break;
            case "lora-references":
                request.Loras = [new Flux2Lora(row.Loras!.Finetune ? "my-finetune" : "owner/repo", 1.5)];
                request.ReferenceImages = References(Math.Min(row.MaxReferenceImages, row.Loras.MaxReferenceImages ?? row.MaxReferenceImages));
                break;
            default:
                throw new InvalidOperationException($"unknown feature {Feature}");
        }

        return request;
    }

    /// <summary>Every supported feature of a row.</summary>
    internal static IEnumerable<string> Features(Flux2ModelCapabilities row)
    {
        yield return "text";
        foreach (string size in (string[])["square", "landscape_16_9", "portrait_16_9", "landscape_4_3", "portrait_4_3", "1000x700", "largest"])
        {
            yield return "size:" + size;
        }

        if (row.MaxReferenceImages > 0)
        {
            yield return "references:" + row.MaxReferenceImages.ToString(CultureInfo.InvariantCulture);
        }

        yield return "count:" + row.MaxImages.ToString(CultureInfo.InvariantCulture);
        if (row.SupportsSeed)
        {
            yield return "seed";
        }

        foreach (string format in row.OutputFormats)
        {
            yield return "format:" + format;
        }

        if (row.SafetyTolerance is not null)
        {
            yield return "safety:0";
            yield return "safety:6";
        }

        if (row.Guidance is not null || row.Steps is not null)
        {
            yield return "tuning";
        }

        if (row.Loras is not null)
        {
            yield return "lora";
            if (row.MaxReferenceImages > 0)
            {
                yield return "lora-references";
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Provider} {Model} {Feature}";

    private static List<string> References(int count) =>
        [.. Enumerable.Range(1, count).Select(i => $"https://example.com/reference-{i}.png")];
}
