namespace Flux2.Cli.Tests;

/// <summary>Small real image files for tests.</summary>
internal static class TestImages
{
    /// <summary>A valid 1x1 PNG.</summary>
    public static byte[] Png { get; } = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>True when the file starts with the PNG signature.</summary>
    public static bool IsPng(string path)
    {
        byte[] head = new byte[8];
        using var stream = File.OpenRead(path);
        return stream.Read(head) == 8 && head.AsSpan().SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
    }

    /// <summary>What the file is by its magic bytes: "png", "jpeg", "webp", or "other".</summary>
    public static string FormatOf(string path)
    {
        byte[] head = new byte[12];
        using (var stream = File.OpenRead(path))
        {
            stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        return head switch
        {
            [0x89, 0x50, 0x4E, 0x47, ..] => "png",
            [0xFF, 0xD8, 0xFF, ..] => "jpeg",
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P'] => "webp",
            _ => "other",
        };
    }
}
