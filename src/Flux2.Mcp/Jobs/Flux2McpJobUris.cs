using System.Diagnostics.CodeAnalysis;

namespace Flux2.Mcp;

/// <summary>The <c>flux2://jobs/{id}</c> handles of long generate_image jobs (the id is also the MCP task id).</summary>
internal static class Flux2McpJobUris
{
    /// <summary>The URI prefix of a job handle.</summary>
    public const string Prefix = "flux2://jobs/";

    /// <summary>The resource template of job handles.</summary>
    public const string Template = "flux2://jobs/{id}";

    /// <summary>The handle of a job id.</summary>
    public static string For(string id) => Prefix + id;

    /// <summary>A new random job id: 24 lower-case hex digits (96 bits, not guessable).</summary>
    public static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    /// <summary>Reads a job id from <c>flux2://jobs/{id}</c> or a bare id; false when the text is neither.</summary>
    public static bool TryGetId(string? text, [NotNullWhen(true)] out string? id)
    {
        id = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string value = text.Trim();
        if (value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            value = value[Prefix.Length..].TrimEnd('/');
        }

        if (value.Length != 24 || !value.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        id = value.ToLowerInvariant();
        return true;
    }
}
