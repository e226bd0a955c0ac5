using System.CommandLine;
using Flux2.Agents;
using Flux2.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Cli;

/// <summary><c>flux2 download URL [--out PATH] [--overwrite] [--json]</c>: saves an image URL safely.</summary>
internal static class DownloadCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliRuntime runtime, Option<bool> verbose)
    {
        var url = new Argument<string>("url") { Description = "The image's http(s) URL (or a data: URI)." };
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Where to save: a file name or a directory. A .png, .jpg/.jpeg or .webp name gets that format (converted locally when the image is another, with a warning). " +
                "Default: the output directory (Flux2:OutputDirectory, default ./flux2-output) with the URL's file name, its extension following the bytes.",
            HelpName = "path",
        };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing file (default: refuse)." };
        var json = CliOptions.Json("the saved file (path, bytes, content type, width, height, sha256)");
        var command = new Command("download", "Download an image safely: http(s) only, no private addresses, size-capped, checked to be an image, written atomically.")
        {
            url, output, overwrite, json,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            runtime, parse.GetValue(url) ?? "", parse.GetValue(output), parse.GetValue(overwrite), parse.GetValue(json), parse.GetValue(verbose), cancellationToken));
        return command;
    }

    /// <summary>Runs one download.</summary>
    public static async Task<int> RunAsync(CliRuntime runtime, string url, string? output, bool overwrite, bool json, bool verbose, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var source))
        {
            return CliErrors.ReportArgument(runtime, json, $"'{url}' is not an absolute URL; pass an http(s) URL such as https://example.com/image.png.", "url");
        }

        var target = OutputTarget.Resolve(output, GenerateCommand.OutputDirectory(CliHost.BuildConfiguration(runtime)), runtime.CurrentDirectory);
        var configuration = CliHost.BuildConfiguration(runtime, new Dictionary<string, string?> { ["Flux2:OutputDirectory"] = target.Directory });
        var services = CliHost.BuildServices(runtime, configuration, verbose);
        await using (services.ConfigureAwait(false))
        {
            try
            {
                // A file name the user gave decides the format (converted when the bytes differ); a name taken from the URL
                // follows the bytes (the downloader gives it the extension they call for).
                Directory.CreateDirectory(target.Directory);
                var downloader = services.GetRequiredService<IFlux2Downloader>();
                var (file, warning) = target.FileName is { } fileName
                    ? await Flux2ImageFiles.DownloadAsync(downloader, source, fileName, overwrite, cancellationToken).ConfigureAwait(false)
                    : (await downloader.DownloadAsync(source, NameFromUrl(source), overwrite, cancellationToken).ConfigureAwait(false), null);
                string path = file.Path;
                if (warning is not null)
                {
                    runtime.Status.WriteLine($"warning: {warning}");
                }

                runtime.Status.WriteLine($"Saved {path}  {file.Width}x{file.Height}  {file.ContentType}  {GenerateCommand.Size(file.Bytes)}");
                if (json)
                {
                    CliJson.WriteDocument(runtime.Out, new DownloadOutput
                    {
                        Path = path,
                        Bytes = file.Bytes,
                        ContentType = file.ContentType,
                        Width = file.Width,
                        Height = file.Height,
                        Sha256 = file.Sha256,
                        Source = source.Scheme == "data" ? null : source.ToString(),
                        Warnings = warning is null ? [] : [warning],
                    }, CliJsonContext.Default.DownloadOutput);
                }
                else
                {
                    runtime.Out.WriteLine(path);
                }

                return CliExitCodes.Success;
            }
#pragma warning disable CA1031 // The command's boundary: every failure becomes a typed error and an exit code.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return CliErrors.Report(runtime, json, ex, cancellationToken);
            }
        }
    }

    /// <summary>A safe file name from the URL's last path segment ("image" when it has none).</summary>
    public static string NameFromUrl(Uri source)
    {
        if (source.Scheme is not ("http" or "https"))
        {
            return "image";
        }

        string last = Uri.UnescapeDataString(source.Segments.LastOrDefault() ?? "").Trim('/');
        var invalid = Path.GetInvalidFileNameChars();
        string clean = new([.. last.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c)]);
        clean = clean.Trim('.', ' ');
        return clean.Length == 0 ? "image" : clean.Length > 100 ? clean[..100] : clean;
    }
}
