using Flux2.Agents;
using Flux2.Client;

namespace Flux2.Cli;

/// <summary>
/// Saves every image of a result through the downloader and describes the files. A file name the user gave decides the
/// format (the bytes are converted when they are another, <see cref="Flux2ImageFiles"/>); names made here follow the bytes.
/// </summary>
internal static class ImageSaver
{
    /// <summary>
    /// Saves the images under <paramref name="target"/>; names follow <see cref="OutputNames.ImageFileName"/>. Returns the files
    /// and the result's warnings followed by one for each conversion or rename. Downloads and saves get what is left of the call's
    /// TotalTimeout (<see cref="Flux2ImageResult.Deadline"/>, on <paramref name="timeProvider"/>): past it, a
    /// <see cref="Flux2ErrorKind.Timeout"/> error, and no partial file.
    /// </summary>
    public static async Task<(List<ImageOutput> Images, List<string> Warnings)> SaveAllAsync(
        IFlux2Downloader downloader,
        Flux2ImageResult result,
        OutputTarget target,
        string prompt,
        string? prefix,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        using var deadline = Flux2Deadline.After(result, timeProvider, cancellationToken);
        try
        {
            return await SaveWithinAsync(downloader, result, target, prompt, prefix, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (deadline.HasExpired)
        {
            throw deadline.CreateTimeout($"saving the images from {result.Provider}", $"The images stay at their provider URLs until they expire.", ex);
        }
    }

    private static async Task<(List<ImageOutput> Images, List<string> Warnings)> SaveWithinAsync(
        IFlux2Downloader downloader,
        Flux2ImageResult result,
        OutputTarget target,
        string prompt,
        string? prefix,
        CancellationToken cancellationToken)
    {
        var saved = new List<ImageOutput>(result.Images.Count);
        var warnings = new List<string>(result.Warnings);
        for (int i = 0; i < result.Images.Count; i++)
        {
            var image = result.Images[i];
            ReadOnlyMemory<byte> bytes = image.Data is { } data
                ? data
                : image.Url is { } url
                    ? (await downloader.FetchResultAsync(url, result.Provider, cancellationToken).ConfigureAwait(false)).Bytes
                    : throw new Flux2Exception(Flux2ErrorKind.EmptyResult, $"Image {i + 1} from {result.Provider} has neither a URL nor bytes.") { Provider = result.Provider };

            string extension = OutputNames.Extension(ReferenceImages.Sniff(bytes.Span)) ?? OutputNames.Extension(image.ContentType) ?? "png";
            string name = OutputNames.ImageFileName(target.FileName, prompt, image.Seed ?? result.Seed, i + 1, result.Images.Count, extension, prefix);
            var (file, warning) = await Flux2ImageFiles.SaveAsync(downloader, bytes, name, overwrite: true, cancellationToken).ConfigureAwait(false);
            if (warning is not null)
            {
                warnings.Add(warning);
            }

            saved.Add(new ImageOutput
            {
                Index = i + 1,
                Path = file.Path,
                Url = image.Url is { Scheme: "http" or "https" } u ? u.ToString() : null,
                ContentType = file.ContentType,
                Width = file.Width ?? image.Width,
                Height = file.Height ?? image.Height,
                Bytes = file.Bytes,
                Sha256 = file.Sha256,
                C2pa = file.ContentCredentials,
                Seed = image.Seed,
                ExpiresAt = image.ExpiresAt,
            });
        }

        return (saved, warnings);
    }
}
