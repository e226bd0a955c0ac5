namespace Flux2.Samples.Tests;

/// <summary>Checks that every image file a sample saved is what its name says, by its magic bytes.</summary>
internal static class SavedImages
{
    /// <summary>Fails when any .png, .jpg/.jpeg, .webp or .gif file under <paramref name="directory"/> holds another format; returns how many were checked.</summary>
    public static int AssertEachIsWhatItsNameSays(string directory)
    {
        int checkedFiles = 0;
        foreach (string path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            string? named = Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".png" => "png",
                ".jpg" or ".jpeg" => "jpeg",
                ".webp" => "webp",
                ".gif" => "gif",
                _ => null,
            };
            if (named is null)
            {
                continue;
            }

            Assert.True(named == FormatOf(path), $"{path} is named {named} but its bytes are {FormatOf(path)}.");
            checkedFiles++;
        }

        return checkedFiles;
    }

    private static string FormatOf(string path)
    {
        byte[] head = new byte[12];
        using (var stream = File.OpenRead(path))
        {
            stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        return head switch
        {
            [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "png",
            [0xFF, 0xD8, 0xFF, ..] => "jpeg",
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P'] => "webp",
            [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => "gif",
            _ => "something else",
        };
    }
}
