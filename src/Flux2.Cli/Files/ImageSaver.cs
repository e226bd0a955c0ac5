using Flux2.Client;

namespace Flux2.Cli;

/// <summary>Saves every image of a result through the downloader (URL download, or the inline bytes) and describes the files.</summary>
internal static class ImageSaver
{
    /// <summary>Saves the images under <paramref name="target"/>; names follow <see cref="OutputNames.ImageFileName"/>.</summary>
    public static async Task<List<ImageOutput>> SaveAllAsync(
        IFlux2Downloader downloader,
        Flux2ImageResult result,
        OutputTarget target,
        string prompt,
        string? requestedFormat,
        string? prefix,
        CancellationToken cancellationToken)
    {
        var saved = new List<ImageOutput>(result.Images.Count);
        for (int i = 0; i < result.Images.Count; i++)
        {
            var image = result.Images[i];
            string extension = OutputNames.Extension(image.ContentType)
                ?? OutputNames.Extension(requestedFormat)
                ?? OutputNames.Extension(Path.GetExtension(image.Url?.AbsolutePath ?? "").TrimStart('.'))
                ?? "png";
            string name = OutputNames.ImageFileName(target.FileName, prompt, image.Seed ?? result.Seed, i + 1, result.Images.Count, extension, prefix);

            Flux2SavedFile file = image.Data is { } data
                ? await downloader.SaveAsync(data, name, overwrite: true, cancellationToken).ConfigureAwait(false)
                : image.Url is { } url
                    ? await downloader.DownloadAsync(url, name, overwrite: true, cancellationToken).ConfigureAwait(false)
                    : throw new Flux2Exception(Flux2ErrorKind.EmptyResult, $"Image {i + 1} from {result.Provider} has neither a URL nor bytes.") { Provider = result.Provider };

            string path = target.FileName is null ? FixExtension(file.Path, file.ContentType) : file.Path;
            saved.Add(new ImageOutput
            {
                Index = i + 1,
                Path = path,
                Url = image.Url is { Scheme: "http" or "https" } u ? u.ToString() : null,
                ContentType = file.ContentType,
                Width = file.Width ?? image.Width,
                Height = file.Height ?? image.Height,
                Bytes = file.Bytes,
                Sha256 = file.Sha256,
                Seed = image.Seed,
                ExpiresAt = image.ExpiresAt,
            });
        }

        return saved;
    }

    /// <summary>Renames a file whose made-up extension does not match what its bytes turned out to be.</summary>
    private static string FixExtension(string path, string contentType)
    {
        string? wanted = OutputNames.Extension(contentType);
        string actual = Path.GetExtension(path).TrimStart('.');
        if (wanted is null || string.Equals(OutputNames.Extension(actual), wanted, StringComparison.Ordinal))
        {
            return path;
        }

        string renamed = Path.ChangeExtension(path, wanted);
        File.Move(path, renamed, overwrite: true);
        return renamed;
    }
}
