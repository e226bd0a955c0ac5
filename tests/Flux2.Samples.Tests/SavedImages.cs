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

            Assert.True(named == TestImages.FormatOf(path), $"{path} is named {named} but its bytes are {TestImages.FormatOf(path)}.");
            checkedFiles++;
        }

        return checkedFiles;
    }
}
