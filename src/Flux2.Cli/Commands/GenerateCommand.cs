using System.CommandLine;
using System.Globalization;
using Flux2.Agents;
using Flux2.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Flux2.Cli;

/// <summary><c>flux2 generate "PROMPT" [options]</c>: one request, every image saved.</summary>
internal static class GenerateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliRuntime runtime, Option<bool> verbose)
    {
        var prompt = new Argument<string>("prompt") { Description = "What to draw, in quotes." };
        var provider = new Option<string?>("--provider", "-p")
        {
            Description = "Provider: " + string.Join(", ", Flux2Providers.All.Select(p => p.Name)) +
                ". Default: FLUX2_PROVIDER, else the first provider whose key is set (FAL_KEY, BFL_API_KEY, ...), else the built-in simulator.",
            HelpName = "name",
        };
        provider.CompletionSources.Add([.. Flux2Providers.All.Select(p => p.Name)]);
        var model = new Option<string?>("--model", "-m")
        {
            Description = "Model: " + string.Join(", ", Flux2Models.All) + ". Default: Flux2:Model (flux-2-pro).",
            HelpName = "name",
        };
        model.CompletionSources.Add([.. Flux2Models.All]);
        model.CheckWithPlanner((request, value) => request.Model = value);
        var size = new Option<string?>("--size", "-s")
        {
            Description = "Image size in pixels: a preset (square_hd, square = 1024x1024; landscape_16_9 = 1344x768; portrait_16_9 = 768x1344; " +
                "landscape_4_3 = 1152x864; portrait_4_3 = 864x1152) or WIDTHxHEIGHT, e.g. 1280x720. Default 1024x1024. Sides are rounded to the provider's multiple.",
            HelpName = "size",
        };
        size.CheckWithPlanner((request, value) => request.Size = value);
        var seed = new Option<long?>("--seed") { Description = "Seed, a whole number >= 0, for reproducible images. Default: random.", HelpName = "n" };
        seed.CheckWithPlanner((request, value) => request.Seed = value);
        var steps = new Option<int?>("--steps")
        {
            Description = "Inference steps, a whole number (typically 1-50), for models that take them (flex, dev, klein). Range and default per provider: see 'flux2 models'. Default: the provider's.",
            HelpName = "n",
        };
        steps.CheckWithPlanner((request, value) => request.Steps = value);
        var guidance = new Option<double?>("--guidance", "-g")
        {
            Description = "Guidance scale, a number (typically 1.5-10): how closely to follow the prompt, for models that take it (flex, dev). Range and default per provider: see 'flux2 models'. Default: the provider's.",
            HelpName = "x",
        };
        guidance.CheckWithPlanner((request, value) => request.GuidanceScale = value);
        var resolution = new Option<string?>("--resolution")
        {
            Description = "Resolution tier: 768sq, 1k, 1.5k, 2k or 4k. The FLUX 3 family's size (with --size, the nearest aspect ratio at this tier); " +
                "on FLUX.2 models, that area. Default: the tier nearest --size, else the model's (1k).",
            HelpName = "tier",
        };
        resolution.CompletionSources.Add([.. Flux2Resolutions.All]);
        resolution.CheckWithPlanner((request, value) => request.Resolution = value);
        var layout = new Option<string?>("--layout")
        {
            Description = "Layout boxes as JSON: [{\"label\":\"fox\",\"box\":[x0,y0,x1,y1],\"description\":\"a red fox\"}], edges as fractions 0-1 from the " +
                "top-left; name each box as <label> in the prompt. FLUX 3 family only (flux-3.1-image: bounding boxes; flux-3-image: boxes in the prompt).",
            HelpName = "json",
        };
        layout.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && LayoutArguments.Parse(result.GetValueOrDefault<string?>(), out string? error) is null)
            {
                result.AddError(error!);
            }
        });
        layout.CheckWithPlanner((request, value) => request.Layout = [.. LayoutArguments.Parse(value, out _) ?? []]);
        var mode = new Option<string?>("--mode") { Description = "FLUX 3.1 mode: fast (cheaper) or quality. Default: the provider's.", HelpName = "fast|quality" };
        mode.CompletionSources.Add([.. Flux2Modes.All]);
        mode.CheckWithPlanner((request, value) => request.Mode = value);
        var grounding = new Option<bool>("--grounding") { Description = "Turn web and image search on the prompt on (FLUX 3 on BFL and Replicate). Default: the provider's (on)." };
        var noGrounding = new Option<bool>("--no-grounding") { Description = "Turn grounding off." };
        var numImages = new Option<int?>("--num-images", "-n") { Description = "Images to make, 1-4. Default 1.", HelpName = "n" };
        numImages.CheckWithPlanner((request, value) => request.NumImages = value);
        var format = new Option<string?>("--format", "-f")
        {
            Description = "Output format: png, jpeg or webp (not every provider serves webp). Default: the one --out's extension names, else the provider's (see 'flux2 models').",
            HelpName = "png|jpeg|webp",
        };
        format.CompletionSources.Add([.. Flux2OutputFormats.All]);
        format.CheckWithPlanner((request, value) => request.OutputFormat = value);
        var safety = new Option<int?>("--safety-tolerance")
        {
            Description = "Safety tolerance, 0 (strictest) to 6 (most permissive); converted and clamped to each provider's scale. Default: the provider's (about 2).",
            HelpName = "n",
        };
        safety.CheckWithPlanner((request, value) => request.SafetyTolerance = value);
        var reference = new Option<string[]>("--reference", "-r")
        {
            Description = "A reference image for editing: an http(s) URL, a data URI or a local PNG/JPEG/WebP file (sent inline). Repeat for several (up to 8-10 depending on the model).",
            HelpName = "url-or-path",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var lora = new Option<string[]>("--lora")
        {
            Description = "A LoRA to apply, PATH[:SCALE]: the URL of a .safetensors file or a Hugging Face owner/repo (on BFL klein: a finetune id), scale 0 to 4 (default 1). " +
                "Repeat for several (at most 3). Taken by fal dev/klein, AIML dev and BFL klein (one finetune); see 'flux2 models'.",
            HelpName = "path[:scale]",
            Arity = ArgumentArity.ZeroOrMore,
        };
        lora.CheckWithPlanner((request, values) => request.Loras = [.. (values ?? []).Select(LoraArguments.Parse)]);
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Where to save: a file name (several images get -1, -2, ...) or a directory. A .png, .jpg/.jpeg or .webp name decides the format: " +
                "asked of the provider where the model offers it, else converted locally (with a warning). " +
                "Default: the output directory (Flux2:OutputDirectory or FLUX2_OUTPUT_DIR, default ./flux2-output) with names made from the prompt, seed and index.",
            HelpName = "path",
        };
        var json = CliOptions.Json("the result (provider, model, seed, timings, cost, saved files)");

        var command = new Command("generate", "Generate images from a prompt and save them.\n" +
            "Saved paths are printed on stdout (or the full result with --json); progress and messages go to stderr.")
        {
            prompt, provider, model, size, resolution, layout, mode, grounding, noGrounding, seed, steps, guidance, numImages, format, safety, reference, lora, output, json,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(grounding) && result.GetValue(noGrounding))
            {
                result.AddError("--grounding and --no-grounding contradict each other; give one.");
            }
        });
        command.SetAction((parse, cancellationToken) => RunAsync(runtime, new GenerateArguments
        {
            Prompt = parse.GetValue(prompt) ?? "",
            Provider = parse.GetValue(provider),
            Model = parse.GetValue(model),
            Size = parse.GetValue(size),
            Seed = parse.GetValue(seed),
            Steps = parse.GetValue(steps),
            Guidance = parse.GetValue(guidance),
            Resolution = parse.GetValue(resolution),
            Layout = LayoutArguments.Parse(parse.GetValue(layout), out _) ?? [],
            Mode = parse.GetValue(mode),
            Grounding = parse.GetValue(grounding) ? true : parse.GetValue(noGrounding) ? false : null,
            NumImages = parse.GetValue(numImages),
            Format = parse.GetValue(format) is { } asked ? Flux2RequestPlanner.NormalizeFormat(asked) : null,
            SafetyTolerance = parse.GetValue(safety),
            References = parse.GetValue(reference) ?? [],
            Loras = [.. (parse.GetValue(lora) ?? []).Select(LoraArguments.Parse)],
            Out = parse.GetValue(output),
            Json = parse.GetValue(json),
            Verbose = parse.GetValue(verbose),
        }, cancellationToken));
        return command;
    }

    /// <summary>Runs one generation: validate, send with progress, save every image, print.</summary>
    public static async Task<int> RunAsync(CliRuntime runtime, GenerateArguments args, CancellationToken cancellationToken)
    {
        var baseConfiguration = CliHost.BuildConfiguration(runtime);
        var target = OutputTarget.Resolve(args.Out, OutputDirectory(baseConfiguration), runtime.CurrentDirectory);
        var configuration = CliHost.BuildConfiguration(runtime, new Dictionary<string, string?> { ["Flux2:OutputDirectory"] = target.Directory });
        var services = CliHost.BuildServices(runtime, configuration, args.Verbose);
        await using (services.ConfigureAwait(false))
        {
            try
            {
                // A file name's extension asks for a format (converted on save when the provider cannot give it).
                string? wanted = Flux2ImageFiles.WantedFormat(args.Format, target.FileName, "--format", "--out");
                var request = new Flux2ImageRequest
                {
                    Prompt = args.Prompt,
                    Provider = args.Provider,
                    Model = args.Model,
                    Size = args.Size,
                    Resolution = args.Resolution,
                    Layout = [.. args.Layout],
                    Mode = args.Mode,
                    Grounding = args.Grounding,
                    Seed = args.Seed,
                    Steps = args.Steps,
                    GuidanceScale = args.Guidance,
                    NumImages = args.NumImages,
                    OutputFormat = args.Format,
                    SafetyTolerance = args.SafetyTolerance,
                    ReferenceImages = await ReferenceImages.ResolveAsync(args.References, runtime.CurrentDirectory,
                        ReferenceImages.AllowedRoots(configuration, runtime.CurrentDirectory, runtime.CurrentDirectory, target.Directory), cancellationToken).ConfigureAwait(false),
                    Loras = [.. args.Loras],
                };

                var client = services.GetRequiredService<IFlux2Client>();
                request.OutputFormat = Flux2ImageFiles.FormatToAsk(wanted, request, client.Capabilities, services.GetRequiredService<IOptions<Flux2ClientOptions>>().Value);
                Flux2ImageResult result;
                using (var display = new ProgressDisplay(runtime.Status, "sending the request"))
                {
                    request.Progress = display;
                    result = await client.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
                }

                Directory.CreateDirectory(target.Directory);
                var downloader = services.GetRequiredService<IFlux2Downloader>();
                var (images, warnings) = await ImageSaver.SaveAllAsync(downloader, result, target, args.Prompt, null, services.GetService<TimeProvider>() ?? TimeProvider.System, cancellationToken).ConfigureAwait(false);
                Print(runtime, args.Json, result, images, warnings);
                return CliExitCodes.Success;
            }
#pragma warning disable CA1031 // The command's boundary: every failure becomes a typed error and an exit code.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return CliErrors.Report(runtime, args.Json, ex, cancellationToken);
            }
        }
    }

    /// <summary>The configured output directory.</summary>
    public static string OutputDirectory(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        configuration["Flux2:OutputDirectory"] is { Length: > 0 } directory ? directory : new Flux2ClientOptions().OutputDirectory;

    /// <summary>The JSON form of a result and its saved files.</summary>
    public static GenerateOutput ToOutput(Flux2ImageResult result, IReadOnlyList<ImageOutput> images, IReadOnlyList<string> warnings) => new()
    {
        Simulated = result.Simulated,
        Note = result.Note,
        Provider = result.Provider,
        Model = result.Model,
        RevisedPrompt = result.RevisedPrompt,
        Grounding = result.Grounding,
        Seed = result.Seed,
        RequestId = result.RequestId,
        Images = images,
        Timings = new TimingsOutput
        {
            QueueSeconds = result.Timings.Queue?.TotalSeconds,
            InferenceSeconds = result.Timings.Inference?.TotalSeconds,
            TotalSeconds = result.Timings.Total.TotalSeconds,
        },
        Cost = new CostOutput { EstimatedUsd = result.Cost.EstimatedUsd, ActualUsd = result.Cost.ActualUsd, ProviderReported = result.Cost.ProviderReported },
        Moderation = result.Moderation is { } m ? new ModerationOutput { FilteredCount = m.FilteredCount, Reasons = m.Reasons } : null,
        Warnings = warnings,
    };

    private static void Print(CliRuntime runtime, bool json, Flux2ImageResult result, List<ImageOutput> images, List<string> warnings)
    {
        var error = runtime.Status;
        string cost = (result.Cost.ActualUsd ?? result.Cost.EstimatedUsd) is { } usd
            ? string.Create(CultureInfo.InvariantCulture, $", {(result.Cost.ActualUsd is null ? "est. " : "")}${usd:0.000}")
            : "";
        string seed = result.Seed is { } s ? string.Create(CultureInfo.InvariantCulture, $", seed {s}") : "";
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(result.Simulated ? "Simulated" : "Generated")} {images.Count} image{(images.Count == 1 ? "" : "s")} with {result.Provider} {result.Model} in {result.Timings.Total.TotalSeconds:0.0}s{seed}{cost}"));
        foreach (var image in images)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {image.Path}  {image.Width}x{image.Height}  {Size(image.Bytes ?? 0)}"));
        }

        if (result.RevisedPrompt is { Length: > 0 } revised)
        {
            error.WriteLine($"revised prompt: {revised}");
        }

        if (result.Moderation is { FilteredCount: > 0 } moderation)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: the provider's safety filter removed {moderation.FilteredCount} image(s)."));
        }

        foreach (string warning in warnings)
        {
            error.WriteLine($"warning: {warning}");
        }

        if (result.Note is { Length: > 0 } note)
        {
            error.WriteLine($"note: {note}");
        }

        if (json)
        {
            CliJson.WriteDocument(runtime.Out, ToOutput(result, images, warnings), CliJsonContext.Default.GenerateOutput);
        }
        else
        {
            foreach (var image in images)
            {
                runtime.Out.WriteLine(image.Path);
            }
        }
    }

    /// <summary>A byte count for people: 812 B, 140 KB, 2.4 MB.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MB"),
    };
}
