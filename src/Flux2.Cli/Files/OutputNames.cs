using System.Globalization;
using System.Text;

namespace Flux2.Cli;

/// <summary>File names for generated images: the prompt's slug, the seed and the image's index.</summary>
internal static class OutputNames
{
    private const int MaxSlugLength = 48;

    /// <summary>A lower-case, dash-separated, ASCII slug of the prompt's first words ("image" when nothing is left).</summary>
    public static string Slug(string? prompt)
    {
        var slug = new StringBuilder();
        bool dash = false;
        foreach (char c in (prompt ?? "").Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (dash && slug.Length > 0)
                {
                    slug.Append('-');
                }

                slug.Append(char.ToLowerInvariant(c));
                dash = false;
                if (slug.Length >= MaxSlugLength)
                {
                    break;
                }
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                dash = true;
            }
        }

        return slug.Length == 0 ? "image" : slug.ToString().TrimEnd('-');
    }

    /// <summary>The file extension (without dot) of a MIME type or format name; null when unknown.</summary>
    public static string? Extension(string? contentTypeOrFormat) => contentTypeOrFormat?.ToLowerInvariant() switch
    {
        "image/png" or "png" => "png",
        "image/jpeg" or "image/jpg" or "jpeg" or "jpg" => "jpg",
        "image/webp" or "webp" => "webp",
        "image/gif" or "gif" => "gif",
        _ => null,
    };

    /// <summary>
    /// The name of image <paramref name="index"/> (1-based) of <paramref name="count"/>: the user's file name (with -1, -2 ... when
    /// there are several), or <c>slug-sSEED-INDEX.ext</c>, prefixed with <paramref name="prefix"/> (batch line numbers).
    /// </summary>
    public static string ImageFileName(string? userFileName, string? prompt, long? seed, int index, int count, string extension, string? prefix = null)
    {
        if (userFileName is not null)
        {
            if (count <= 1)
            {
                return Path.HasExtension(userFileName) ? userFileName : $"{userFileName}.{extension}";
            }

            string stem = Path.GetFileNameWithoutExtension(userFileName);
            string ext = Path.HasExtension(userFileName) ? Path.GetExtension(userFileName) : "." + extension;
            return Path.Combine(Path.GetDirectoryName(userFileName) ?? "", string.Create(CultureInfo.InvariantCulture, $"{stem}-{index}{ext}"));
        }

        string seedPart = seed is { } s ? string.Create(CultureInfo.InvariantCulture, $"-s{s}") : "";
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}{Slug(prompt)}{seedPart}-{index}.{extension}");
    }
}
