using System.Text.Json;

namespace Flux2.Simulator.Dialects;

/// <summary>Tolerant readers for request body fields (numbers may arrive as strings and vice versa).</summary>
internal static class InputReader
{
    /// <summary>A string field, or null when absent or not a string.</summary>
    public static string? String(JsonElement body, string name) =>
        body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>True when the field is present and not null.</summary>
    public static bool Has(JsonElement body, string name) =>
        body.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    /// <summary>Reads an integer field; false when present but not an integer.</summary>
    public static bool TryInt64(JsonElement body, string name, out long? value)
    {
        value = null;
        if (!body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n))
        {
            value = n;
            return true;
        }

        if (v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out n))
        {
            value = n;
            return true;
        }

        return false;
    }

    /// <summary>True when the field is a boolean true.</summary>
    public static bool True(JsonElement body, string name) =>
        body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    /// <summary>The number of entries of an array field (0 when absent).</summary>
    public static int ArrayLength(JsonElement body, string name) =>
        body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.GetArrayLength() : 0;
}
