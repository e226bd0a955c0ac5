using System.Diagnostics.CodeAnalysis;

namespace Flux2.Agents;

/// <summary>The <c>flux2://images/{id}</c> URIs of stored images.</summary>
public static class Flux2ImageUris
{
    /// <summary>The URI scheme and prefix of a stored image.</summary>
    public const string Prefix = "flux2://images/";

    /// <summary>The resource template of stored images.</summary>
    public const string Template = "flux2://images/{id}";

    /// <summary>The resource URI of the capability matrix.</summary>
    public const string Models = "flux2://models";

    /// <summary>The URI of an image id.</summary>
    public static string For(string id) => Prefix + id;

    /// <summary>Reads an id from <c>flux2://images/{id}</c> or a bare id; false when the text is neither.</summary>
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

        if (!IsId(value))
        {
            return false;
        }

        id = value.ToLowerInvariant();
        return true;
    }

    /// <summary>True when the text has the shape of an image id (12 to 32 letters and digits).</summary>
    public static bool IsId(string value) =>
        value.Length is >= 12 and <= 32 && value.All(char.IsAsciiLetterOrDigit);

    /// <summary>Throws when <paramref name="id"/> is not an image id (12 to 32 letters and digits).</summary>
    /// <exception cref="ArgumentException">It is not.</exception>
    public static void ThrowIfNotId(string id, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(id))] string? parameter = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id, parameter);
        if (!IsId(id))
        {
            throw new ArgumentException("An image id is 12 to 32 letters and digits.", parameter);
        }
    }

    /// <summary>Makes a new random image id (16 lower-case hex digits).</summary>
    public static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
}
