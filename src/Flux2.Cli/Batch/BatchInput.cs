using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Flux2.Agents;
using Flux2.Client;

namespace Flux2.Cli;

/// <summary>Reads a batch file: one prompt or one JSON request object per line; blank lines and lines starting with # are skipped.</summary>
internal static class BatchInput
{
    /// <summary>The fields a JSON request line may have.</summary>
    public const string AllowedFields =
        "prompt, model, size, resolution, layout ([{label, box, description}]), mode, grounding, seed, num_images, steps (num_inference_steps), guidance (guidance_scale), format (output_format), safety_tolerance, reference (reference_images), loras ([{path, scale}]), provider, out (path)";

    /// <summary>Reads every line; a line that cannot be read becomes an item with a <see cref="BatchItem.Problem"/>, never an exception.</summary>
    public static async Task<List<BatchItem>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var items = new List<BatchItem>();
        string[] lines = await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < lines.Length; i++)
        {
            string text = lines[i].Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            items.Add(Parse(i + 1, text));
        }

        return items;
    }

    /// <summary>The rerun key of a line: its number and the first 16 hex digits of the SHA-256 of its text.</summary>
    public static string KeyOf(int line, string text) =>
        string.Create(CultureInfo.InvariantCulture, $"{line}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16]}");

    /// <summary>Reads one trimmed, non-empty line.</summary>
    public static BatchItem Parse(int line, string text)
    {
        string key = KeyOf(line, text);
        if (!text.StartsWith('{'))
        {
            return new BatchItem { Line = line, Key = key, Prompt = text, Request = new Flux2ImageRequest { Prompt = text } };
        }

        BatchRequestLine? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(text, CliJsonContext.Default.BatchRequestLine);
        }
        catch (JsonException ex)
        {
            var unknown = System.Text.RegularExpressions.Regex.Match(ex.Message, "The JSON property '([^']*)' could not be mapped");
            return unknown.Success
                ? Bad(line, key, null, $"line {line} has an unknown field '{unknown.Groups[1].Value}'; allowed: {AllowedFields}.", unknown.Groups[1].Value)
                : Bad(line, key, null, $"line {line} is not a valid JSON request ({ex.Message}). Use one prompt per line, or an object such as {{\"prompt\":\"a fox\",\"seed\":1}} with the fields {AllowedFields}.");
        }

        if (parsed is null || string.IsNullOrWhiteSpace(parsed.Prompt))
        {
            return Bad(line, key, null, $"line {line} has no \"prompt\"; every JSON request needs one.", "prompt");
        }

        string? format = parsed.Format ?? parsed.OutputFormat;
        if (format is not null && OutputNames.Extension(format) is null or "gif")
        {
            return Bad(line, key, parsed.Prompt, $"line {line}: format '{format}' is not png, jpeg or webp.", "format");
        }

        string? fileName = string.IsNullOrWhiteSpace(parsed.Out ?? parsed.Path) ? null : (parsed.Out ?? parsed.Path)!.Trim();
        if (fileName is not null && (System.IO.Path.IsPathRooted(fileName) || System.IO.Path.EndsInDirectorySeparator(fileName)
            || fileName.Split('/', '\\').Any(segment => segment is ".." or "")))
        {
            return Bad(line, key, parsed.Prompt, $"line {line}: out '{fileName}' must be a file name or a relative path inside the output directory, e.g. \"shots/fox.webp\".", "out");
        }

        string? wanted;
        try
        {
            wanted = Flux2ImageFiles.WantedFormat(format, fileName, "format", "out");
        }
        catch (Flux2Exception ex)
        {
            return Bad(line, key, parsed.Prompt, $"line {line}: {ex.Message}", ex.Parameter);
        }

        return new BatchItem
        {
            Line = line,
            Key = key,
            Prompt = parsed.Prompt,
            FileName = fileName,
            WantedFormat = wanted,
            Request = new Flux2ImageRequest
            {
                Prompt = parsed.Prompt,
                Model = parsed.Model,
                Size = parsed.Size,
                Resolution = parsed.Resolution,
                Layout = [.. parsed.Layout ?? []],
                Mode = parsed.Mode,
                Grounding = parsed.Grounding,
                Seed = parsed.Seed,
                NumImages = parsed.NumImages,
                Steps = parsed.Steps ?? parsed.NumInferenceSteps,
                GuidanceScale = parsed.Guidance ?? parsed.GuidanceScale,
                OutputFormat = format is "jpg" ? Flux2OutputFormats.Jpeg : format,
                SafetyTolerance = parsed.SafetyTolerance,
                ReferenceImages = [.. parsed.Reference ?? parsed.ReferenceImages ?? []],
                Loras = [.. parsed.Loras ?? []],
                Provider = parsed.Provider,
            },
        };
    }

    private static BatchItem Bad(int line, string key, string? prompt, string message, string? parameter = null) => new()
    {
        Line = line,
        Key = key,
        Prompt = prompt,
        Problem = new Flux2Exception(Flux2ErrorKind.InvalidArgument, message) { Parameter = parameter },
    };
}
