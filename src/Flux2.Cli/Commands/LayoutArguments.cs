using System.Text.Json;
using Flux2.Client;

namespace Flux2.Cli;

/// <summary>Reads <c>--layout</c>'s JSON: an array of <c>{label, box: [x0, y0, x1, y1], description}</c>. The box rules are the request planner's.</summary>
internal static class LayoutArguments
{
    /// <summary>The boxes, or null with an error saying what the JSON should look like; an absent value is an empty layout.</summary>
    public static IReadOnlyList<Flux2LayoutBox>? Parse(string? json, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            List<Flux2LayoutBox>? boxes = JsonSerializer.Deserialize(json, CliJsonContext.Default.ListFlux2LayoutBox);
            if (boxes is not null && boxes.TrueForAll(b => b is not null))
            {
                return boxes;
            }
        }
        catch (JsonException ex)
        {
            error = $"--layout is not valid JSON ({ex.Message}); give an array such as [{{\"label\":\"fox\",\"box\":[0.1,0.4,0.5,0.9],\"description\":\"a red fox\"}}].";
            return null;
        }

        error = "--layout must be a JSON array of boxes, such as [{\"label\":\"fox\",\"box\":[0.1,0.4,0.5,0.9],\"description\":\"a red fox\"}].";
        return null;
    }
}
