using System.Text.Json;

namespace Flux2.Client;

/// <summary>Reads human text out of loosely shaped JSON error fields (a string, a list of strings, or objects with msg/message/detail).</summary>
internal static class Flux2JsonText
{
    /// <summary>Parses a body leniently; null when it is not JSON.</summary>
    public static JsonElement? TryParse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The named property of an object, or null.</summary>
    public static JsonElement? Property(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind is not JsonValueKind.Null ? value : null;

    /// <summary>The named property as a string (numbers are rendered), or null.</summary>
    public static string? String(JsonElement? element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    /// <summary>Every message the element holds, in order.</summary>
    public static IReadOnlyList<string> Messages(JsonElement? element)
    {
        var messages = new List<string>();
        Collect(element, messages, 0);
        return messages;
    }

    /// <summary>The messages joined into one line, or null when there are none.</summary>
    public static string? Join(JsonElement? element, string separator = "; ")
    {
        IReadOnlyList<string> messages = Messages(element);
        return messages.Count == 0 ? null : string.Join(separator, messages);
    }

    private static void Collect(JsonElement? element, List<string> messages, int depth)
    {
        if (element is not { } e || depth > 4)
        {
            return;
        }

        switch (e.ValueKind)
        {
            case JsonValueKind.String when !string.IsNullOrWhiteSpace(e.GetString()):
                messages.Add(e.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in e.EnumerateArray())
                {
                    Collect(item, messages, depth + 1);
                }

                break;
            case JsonValueKind.Object:
                foreach (string name in (string[])["msg", "message", "detail", "error", "title"])
                {
                    if (Property(e, name) is { } inner)
                    {
                        int before = messages.Count;
                        Collect(inner, messages, depth + 1);
                        if (messages.Count > before)
                        {
                            return;
                        }
                    }
                }

                break;
        }
    }
}
