using System.CommandLine;
using Flux2.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Flux2.Cli;

/// <summary><c>flux2 batch FILE [--concurrency N] [--out DIR] [--force] [--json]</c>: many requests, adaptive concurrency, a resumable report.</summary>
internal static class BatchCommand
{
    /// <summary>The report's file name inside the output directory.</summary>
    public const string ReportFileName = "report.jsonl";

    /// <summary>Builds the command.</summary>
    public static Command Create(CliRuntime runtime, Option<bool> verbose)
    {
        var file = new Argument<string>("file")
        {
            Description = "A text file with one prompt per line, or one JSON request per line with generate's fields: " +
                "{\"prompt\":\"...\",\"model\":\"flux-2-pro\",\"size\":\"landscape_16_9\",\"seed\":1,\"num_images\":2,\"steps\":28,\"guidance\":3.5," +
                "\"format\":\"png\",\"safety_tolerance\":2,\"reference\":[\"url-or-path\"],\"loras\":[{\"path\":\"owner/repo\",\"scale\":0.8}],\"provider\":\"fal\",\"out\":\"shots/fox.webp\"}. " +
                "An out name is relative to --out and its .png, .jpg/.jpeg or .webp extension decides the format. Blank lines and lines starting with # are skipped.",
        };
        var concurrency = new Option<int>("--concurrency", "-c")
        {
            Description = "Requests in flight at most, 1-64. Default 4. Halved on each rate-limit (429) window, then raised by one after a run of successes.",
            HelpName = "n",
            DefaultValueFactory = _ => 4,
        };
        concurrency.Check(value => value is < 1 or > 64 ? "--concurrency must be 1 to 64." : null);
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Directory for the images and report.jsonl. Default: the output directory (Flux2:OutputDirectory, default ./flux2-output).",
            HelpName = "dir",
        };
        var force = new Option<bool>("--force") { Description = "Run every line again, even those the existing report.jsonl marks as done." };
        var json = new Option<bool>("--json")
        {
            Description = "Also print the report on stdout: one JSON line per input line, in input order (success or typed error).",
        };
        var command = new Command("batch", "Generate many images from a file, with bounded, rate-limit-adaptive concurrency.\n" +
            "Every image is saved; DIR/report.jsonl gets one line per input line, so a failed line never stops the rest, and a rerun skips lines already done.\n" +
            "Exit code: 0 when every line succeeded (or was skipped), else the code of the first failed line.")
        {
            file, concurrency, output, force, json,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(runtime, new BatchArguments
        {
            File = parse.GetValue(file) ?? "",
            Concurrency = parse.GetValue(concurrency),
            Out = parse.GetValue(output),
            Force = parse.GetValue(force),
            Json = parse.GetValue(json),
            Verbose = parse.GetValue(verbose),
        }, cancellationToken));
        return command;
    }

    /// <summary>Runs the batch.</summary>
    public static async Task<int> RunAsync(CliRuntime runtime, BatchArguments args, CancellationToken cancellationToken)
    {
        string input = Path.GetFullPath(args.File, runtime.CurrentDirectory);
        if (!File.Exists(input))
        {
            return CliErrors.ReportArgument(runtime, args.Json, $"Batch file '{args.File}' does not exist ({input}).", "file");
        }

        var baseConfiguration = CliHost.BuildConfiguration(runtime);
        string directory = Path.GetFullPath(args.Out ?? GenerateCommand.OutputDirectory(baseConfiguration), runtime.CurrentDirectory);
        List<BatchItem> items;
        Dictionary<string, BatchReportEntry> previous;
        try
        {
            Directory.CreateDirectory(directory);
            items = await BatchInput.ReadAsync(input, cancellationToken).ConfigureAwait(false);
            previous = args.Force
                ? []
                : await BatchReport.ReadDoneAsync(Path.Combine(directory, ReportFileName), cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The command's boundary: every failure becomes a typed error and an exit code.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return CliErrors.Report(runtime, args.Json, ex, cancellationToken);
        }

        var overrides = new Dictionary<string, string?> { ["Flux2:OutputDirectory"] = directory };
        foreach (Flux2ProviderInfo provider in Flux2Providers.All)
        {
            // The batch's own limiter handles 429s: it must see them at once, not after the pipeline's retries.
            overrides[$"Flux2:Providers:{provider.Name}:RetryRateLimited"] = "false";
        }

        var configuration = CliHost.BuildConfiguration(runtime, overrides);
        var services = CliHost.BuildServices(runtime, configuration, args.Verbose);
        await using (services.ConfigureAwait(false))
        {
            var runner = new BatchRunner(
                runtime,
                services.GetRequiredService<IFlux2Client>(),
                services.GetRequiredService<IFlux2Downloader>(),
                services.GetRequiredService<IOptions<Flux2ClientOptions>>().Value,
                directory,
                Path.GetDirectoryName(input)!,
                ReferenceImages.AllowedRoots(configuration, runtime.CurrentDirectory, Path.GetDirectoryName(input)!, runtime.CurrentDirectory, directory),
                args,
                services.GetService<TimeProvider>() ?? TimeProvider.System);
            return await runner.RunAsync(items, previous, cancellationToken).ConfigureAwait(false);
        }
    }
}
