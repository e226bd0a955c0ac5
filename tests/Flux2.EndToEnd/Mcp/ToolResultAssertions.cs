using System.Security.Cryptography;
using System.Text.Json;

namespace Flux2.EndToEnd;

/// <summary>Assertions on the JSON that MCP clients see: tool listings, tool results and their structured content.</summary>
internal static class ToolResultAssertions
{
    /// <summary>The parameters of generate_image named by the design contract.</summary>
    public static readonly string[] GenerateParameters =
    [
        "prompt", "model", "size", "num_images", "seed", "guidance_scale", "num_inference_steps",
        "output_format", "safety_tolerance", "reference_images", "loras", "provider",
    ];

    /// <summary>Parameters that say what they are by name and constraints (minimum/maximum, boolean), so carry no description: every byte of tools/list is read by the model.</summary>
    private static readonly string[] SelfDescribed = ["seed", "num_images", "overwrite"];

    /// <summary>The parameters of download_image named by the design contract.</summary>
    public static readonly string[] DownloadParameters = ["url", "path", "overwrite"];

    /// <summary>Asserts that the listing holds <paramref name="name"/>, described, with every contract parameter described and <paramref name="required"/> required; returns it.</summary>
    public static JsonElement AssertDescribedTool(JsonElement listResult, string name, string[] parameters, string required)
    {
        var tools = listResult.GetProperty("tools").EnumerateArray().ToList();
        var tool = tools.SingleOrDefault(t => t.GetProperty("name").GetString() == name);
        Assert.True(tool.ValueKind == JsonValueKind.Object,
            $"tools/list has no '{name}'; it lists: {string.Join(", ", tools.Select(t => t.GetProperty("name").GetString()))}");
        Assert.False(string.IsNullOrWhiteSpace(Text(tool, "description")), $"{name} has no description");

        var schema = tool.GetProperty("inputSchema");
        Assert.Equal("object", Text(schema, "type"));
        var properties = schema.GetProperty("properties");
        foreach (string parameter in parameters)
        {
            Assert.True(properties.TryGetProperty(parameter, out var property), $"{name} has no parameter '{parameter}': {properties}");
        }

        foreach (var property in properties.EnumerateObject().Where(p => !SelfDescribed.Contains(p.Name)))
        {
            Assert.False(string.IsNullOrWhiteSpace(Text(property.Value, "description")), $"{name}.{property.Name} has no description: {property.Value}");
        }

        Assert.Contains(required, schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.True(tool.TryGetProperty("outputSchema", out var output) && output.ValueKind == JsonValueKind.Object,
            $"{name} declares no outputSchema, so clients cannot rely on its structured content");
        return tool;
    }

    /// <summary>
    /// Asserts that <paramref name="value"/> uses exactly the property names that <paramref name="schema"/> declares (recursively)
    /// and carries its required ones: a client that validates structured content against the output schema must accept it.
    /// </summary>
    public static void AssertMatchesSchemaNames(JsonElement value, JsonElement schema, string path = "structuredContent")
    {
        if (value.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties))
        {
            var declared = properties.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var property in value.EnumerateObject())
            {
                Assert.True(declared.Contains(property.Name),
                    $"{path}.{property.Name} is not declared by the tool's outputSchema, which declares: {string.Join(", ", declared)}");
                AssertMatchesSchemaNames(property.Value, properties.GetProperty(property.Name), $"{path}.{property.Name}");
            }

            if (schema.TryGetProperty("required", out var required))
            {
                foreach (string? name in required.EnumerateArray().Select(r => r.GetString()))
                {
                    Assert.True(value.TryGetProperty(name!, out _), $"{path} lacks '{name}', required by the tool's outputSchema");
                }
            }
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            int index = 0;
            foreach (var item in value.EnumerateArray())
            {
                AssertMatchesSchemaNames(item, items, $"{path}[{index++}]");
            }
        }
    }

    /// <summary>Asserts the call result is not an error and returns its structured content.</summary>
    public static JsonElement AssertStructuredSuccess(JsonElement callResult, string tool)
    {
        bool isError = callResult.TryGetProperty("isError", out var flag) && flag.ValueKind == JsonValueKind.True;
        Assert.False(isError, $"{tool} returned an error result: {callResult}");
        Assert.True(callResult.TryGetProperty("structuredContent", out var structured) && structured.ValueKind == JsonValueKind.Object,
            $"{tool} returned no structured content: {callResult}");
        return structured;
    }

    /// <summary>The SHA-256 of a file as lower-case hex.</summary>
    public static string Sha256(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    /// <summary>A string property, or null.</summary>
    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>True when <paramref name="path"/> is inside <paramref name="directory"/>.</summary>
    public static bool IsInside(string path, string directory) =>
        Path.GetFullPath(path).StartsWith(Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
