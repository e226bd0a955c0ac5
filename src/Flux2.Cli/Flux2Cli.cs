using System.CommandLine;

namespace Flux2.Cli;

/// <summary>The <c>flux2</c> command's entry point, callable in-process with injected streams and environment.</summary>
internal static class Flux2Cli
{
    /// <summary>The root help's description, with examples.</summary>
    public const string Description =
        """
        Generate images with Black Forest Labs' FLUX.2 models through fal.ai, BFL, Replicate, Together AI, AIML API or Segmind.

        Keys come from the providers' usual variables (FAL_KEY, BFL_API_KEY, REPLICATE_API_TOKEN, TOGETHER_API_KEY,
        AIML_API_KEY, SEGMIND_API_KEY). With no key at all, a built-in simulator answers (and says so) so you can try everything offline.
        Settings: appsettings.json beside the executable, then environment variables such as Flux2__Model=flux-2-flex,
        FLUX2_PROVIDER, FLUX2_OUTPUT_DIR, Flux2__Providers__Fal__BaseUrl.

        Examples:
          flux2 generate "a red fox in fresh snow, golden hour" --size landscape_16_9 --seed 42
          flux2 generate "same fox, as a watercolor" --reference ./fox.png --model flux-2-flex --steps 30 --out fox.png
          flux2 generate "a lighthouse" --num-images 4 --format webp --out ./lighthouses/ --json
          flux2 batch prompts.txt --concurrency 8 --out ./shots
          flux2 download https://example.com/image.png --out ./saved/
          flux2 models --provider fal
          flux2 simulator --urls http://127.0.0.1:5099 --latency-ms 1500

        Output: results on stdout (saved paths, or one JSON document with --json); progress, messages and logs on stderr.
        """ + "\n" + CliExitCodes.HelpText;

    /// <summary>Runs <c>flux2</c> with the given arguments, writing to the given streams, reading the given environment (null: the process's).</summary>
    public static Task<int> RunAsync(
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        IReadOnlyDictionary<string, string?>? environment = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliRuntime { Out = stdout, Error = stderr, Environment = environment }, cancellationToken);

    /// <summary>Runs <c>flux2</c> in the given runtime.</summary>
    public static async Task<int> RunAsync(string[] args, CliRuntime runtime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(runtime);
        var root = CreateRootCommand(runtime);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            string message = string.Join(" ", parse.Errors.Select(e => e.Message));
            string command = parse.CommandResult.Command is RootCommand ? "flux2" : $"flux2 {parse.CommandResult.Command.Name}";
            int code = CliErrors.ReportArgument(runtime, CliOptions.WantsJson(args), message);
            runtime.Status.WriteLine($"Run '{command} --help' for usage.");
            return code;
        }

        try
        {
            return await parse.InvokeAsync(
                new InvocationConfiguration
                {
                    Output = runtime.Out,
                    Error = runtime.Error,
                    EnableDefaultExceptionHandler = false,
                    ProcessTerminationTimeout = null,
                },
                cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The last line of defence: never a stack trace without an exit code.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return CliErrors.Report(runtime, CliOptions.WantsJson(args), ex, cancellationToken);
        }
    }

    /// <summary>Builds the command tree.</summary>
    public static RootCommand CreateRootCommand(CliRuntime runtime)
    {
        var verbose = CliOptions.Verbose();
        var root = new RootCommand(Description)
        {
            verbose,
            GenerateCommand.Create(runtime, verbose),
            DownloadCommand.Create(runtime, verbose),
            BatchCommand.Create(runtime, verbose),
            ModelsCommand.Create(runtime, verbose),
            SimulatorCommand.Create(runtime, verbose),
        };
        return root;
    }
}
