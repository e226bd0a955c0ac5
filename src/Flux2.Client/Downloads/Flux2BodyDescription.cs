using System.Globalization;
using System.Text;

namespace Flux2.Client;

/// <summary>
/// Says what a server answered instead of an image, for error messages: the type it declared, its size and its first bytes
/// (as text when they are text, else in hex). Anything that looks like a URL query is cut, so a signed URL echoed by an
/// error page never reaches a message.
/// </summary>
internal static class Flux2BodyDescription
{
    /// <summary>How many leading bytes are shown.</summary>
    public const int ShownBytes = 64;

    /// <summary>E.g. <c>text/html, 57 bytes, starting '&lt;!DOCTYPE html&gt;&lt;html&gt;...'</c>.</summary>
    public static string Describe(string? declaredType, long? length, ReadOnlySpan<byte> head)
    {
        var parts = new List<string>(3) { string.IsNullOrWhiteSpace(declaredType) ? "no declared content type" : declaredType.Trim() };
        if (length is { } bytes)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"));
        }

        if (!head.IsEmpty)
        {
            parts.Add(Start(head[..Math.Min(head.Length, ShownBytes)], head.Length > ShownBytes));
        }
        else if (length is null or 0)
        {
            parts.Add("empty");
        }

        return string.Join(", ", parts);
    }

    private static string Start(ReadOnlySpan<byte> head, bool more)
    {
        if (IsText(head))
        {
            var text = new StringBuilder(head.Length + 4);
            var space = false;
            foreach (var b in head)
            {
                var c = (char)b;
                if (char.IsWhiteSpace(c))
                {
                    space = text.Length > 0;
                    continue;
                }

                if (space)
                {
                    text.Append(' ');
                    space = false;
                }

                text.Append(c);
            }

            var shown = CutQueries(text.ToString());
            return $"starting '{shown}{(more ? "..." : "")}'";
        }

        var hex = Convert.ToHexString(head[..Math.Min(head.Length, 16)]);
        var spaced = string.Join(' ', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2)));
        return $"starting with the bytes {spaced}{(head.Length > 16 || more ? " ..." : "")}";
    }

    private static bool IsText(ReadOnlySpan<byte> head)
    {
        foreach (var b in head)
        {
            if (b is not ((>= 0x20 and < 0x7F) or (byte)'\t' or (byte)'\n' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }

    // An error page may echo the URL it was asked for, signature included: keep the path, drop the query.
    private static string CutQueries(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            builder.Append(text[i]);
            if (text[i] == '?')
            {
                builder.Append("[query removed]");
                while (i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]) && text[i + 1] is not ('"' or '\'' or '<' or '>'))
                {
                    i++;
                }
            }
        }

        return builder.ToString();
    }
}
