using System.CommandLine;
using System.Globalization;
using Flux2.Client;
using Flux2.Simulator;

namespace Flux2.Cli;

/// <summary><c>flux2 simulator</c>: runs the provider simulator in the foreground until Ctrl+C.</summary>
internal static class SimulatorCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliRuntime runtime, Option<bool> verbose)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Address to listen on, e.g. http://127.0.0.1:5099. Default http://127.0.0.1:0 (a free port).",
            HelpName = "url",
            DefaultValueFactory = _ => "http://127.0.0.1:0",
        };
        var latency = new Option<int>("--latency-ms")
        {
            Description = "Time each job takes, in milliseconds, 0-600000 (sync: response delay; queue: submit to completed). Default 0.",
            HelpName = "ms",
        };
        latency.Check(value => value is < 0 or > 600_000 ? "--latency-ms must be 0 to 600000." : null);
        var concurrency = new Option<int>("--concurrency")
        {
            Description = "Jobs in flight per API key before it answers 429 with Retry-After; 0 = unlimited. Default 0.",
            HelpName = "n",
        };
        concurrency.Check(value => value < 0 ? "--concurrency must be 0 (unlimited) or more." : null);
        var command = new Command("simulator", "Run the loopback simulator of every provider's HTTP API in the foreground (Ctrl+C stops it).\n" +
            "Prints its base URL and the environment variables that point each provider at it; faults can be asked per request with the header x-sim-fault: <kind>.")
        {
            urls, latency, concurrency,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            runtime, parse.GetValue(urls) ?? "http://127.0.0.1:0", parse.GetValue(latency), parse.GetValue(concurrency), parse.GetValue(verbose), cancellationToken));
        return command;
    }

    /// <summary>Starts the simulator, prints how to use it, and waits for cancellation.</summary>
    public static async Task<int> RunAsync(CliRuntime runtime, string urls, int latencyMs, int concurrency, bool verbose, CancellationToken cancellationToken)
    {
        SimulatorServer server;
        try
        {
            server = await SimulatorServer.StartAsync(new SimulatorOptions
            {
                Urls = urls,
                Latency = TimeSpan.FromMilliseconds(latencyMs),
                ConcurrencyLimit = concurrency,
                LoggerProvider = verbose ? new StderrLoggerProvider(runtime.Status) : null,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CliExitCodes.Cancelled;
        }
#pragma warning disable CA1031 // A bad address or a taken port is reported as a bad argument.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return CliErrors.ReportArgument(runtime, false, $"The simulator could not listen on {urls}: {ex.Message} Pick another --urls (e.g. http://127.0.0.1:0).", "urls");
        }

        await using (server.ConfigureAwait(false))
        {
            string baseUrl = server.BaseUrl.ToString().TrimEnd('/');
            runtime.Status.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Simulator listening on {baseUrl} (latency {latencyMs} ms, concurrency {(concurrency == 0 ? "unlimited" : concurrency.ToString(CultureInfo.InvariantCulture))}). Press Ctrl+C to stop."));
            runtime.Status.WriteLine("Point flux2, the MCP server or your app at it with these variables (any non-empty key works):");
            foreach (string line in EnvironmentLines(server))
            {
                runtime.Out.WriteLine(line);
            }

            runtime.Out.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                runtime.Status.WriteLine("Simulator stopped.");
            }
        }

        return CliExitCodes.Success;
    }

    /// <summary>The <c>export NAME=value</c> lines pointing every provider at the server.</summary>
    public static IEnumerable<string> EnvironmentLines(SimulatorServer server)
    {
        foreach (var provider in Flux2Providers.All)
        {
            if (provider.Name == Flux2Providers.OpenAI)
            {
                continue;
            }

            string section = ConfigName(provider.Name);
            yield return $"export {provider.ApiKeyVariable}=simulated-key";
            yield return $"export Flux2__Providers__{section}__BaseUrl={server.DialectUrl(provider.SimulatorPrefix)}";
            if (provider.SimulatorQueuePrefix is { } queue)
            {
                yield return $"export Flux2__Providers__{section}__QueueBaseUrl={server.DialectUrl(queue)}";
            }
        }
    }

    /// <summary>The configuration section name of a provider, as documented (Fal, Bfl, Replicate, Together, AimlApi, Segmind).</summary>
    public static string ConfigName(string provider) => provider switch
    {
        Flux2Providers.AimlApi => "AimlApi",
        Flux2Providers.OpenAI => "OpenAI",
        _ => char.ToUpperInvariant(provider[0]) + provider[1..],
    };
}
