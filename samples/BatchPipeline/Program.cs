// The seed article's batch example ("for prompt in prompts: generate; time.sleep(1)") done right:
//   - bounded concurrency instead of a fixed sleep (Parallel.ForEachAsync, --concurrency N, default 4);
//   - rate limits honoured: the caller's per-provider limiter plus retries that wait for the provider's Retry-After on 429;
//   - retries of transient failures (502/503, dropped connections) with jittered back-off, never a blind re-POST of a paid job;
//   - every image saved under a readable name, and a summary (console + summary.json), exit code 1 if anything failed.
// With no provider key it starts a loopback simulator that allows only 2 jobs at once and injects a 429 and a 503,
// so the retries and the rate limiting are real. Usage: dotnet run --project samples/BatchPipeline [-- prompts.txt] [--concurrency 4]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BatchPipeline;
using Flux2.Agents;
using Flux2.Client;
using Flux2.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

string? promptsFile = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && File.Exists(a));
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args.Where(a => a != promptsFile).ToArray()).Build();
int concurrency = int.TryParse(configuration["concurrency"], NumberStyles.Integer, CultureInfo.InvariantCulture, out int c) && c > 0 ? c : 4;
string output = Path.GetFullPath(configuration["FLUX2_OUTPUT_DIR"] is { Length: > 0 } dir ? dir
    : configuration["Flux2:OutputDirectory"] is { Length: > 0 } configured ? configured
    : Path.Combine(Path.GetTempPath(), "flux2-samples", "batch-pipeline"));
string[] prompts = promptsFile is not null
    ? [.. File.ReadLines(promptsFile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))]
    :
    [
        "minimalist logo design on white background",
        "aerial view of a coastal city at sunset",
        "close-up of coffee beans with steam rising",
        "a cat sitting on a windowsill, soft afternoon light",
        "isometric illustration of a tiny greenhouse",
    ];

// No key for any provider: a simulator that rate-limits at 2 jobs in flight and fails twice, to show the pipeline coping.
SimulatorServer? simulator = null;
var settings = new Dictionary<string, string?>();
if (!Flux2Providers.All.Any(p => p.ApiKeyVariable is { } v && !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(v))))
{
    simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Latency = TimeSpan.FromMilliseconds(300), ConcurrencyLimit = 2 });
    simulator.Faults.Add("fal-queue", "submit", SimulatorFaultKind.RateLimited, times: 1, retryAfter: TimeSpan.FromMilliseconds(200));
    simulator.Faults.Add("fal-queue", "submit", SimulatorFaultKind.Unavailable, times: 1);
    settings["Flux2:Provider"] = "fal";
    settings["Flux2:Providers:fal:ApiKey"] = "simulated-key";
    settings["Flux2:Providers:fal:BaseUrl"] = simulator.DialectUrl("fal").ToString();
    settings["Flux2:Providers:fal:QueueBaseUrl"] = simulator.DialectUrl("fal-queue").ToString();
    settings["Flux2:Providers:fal:RetryBaseDelay"] = "00:00:00.200";
    Console.WriteLine($"No provider key: using a loopback simulator at {simulator.BaseUrl} (2 jobs at once, one 429 and one 503 injected).");
}

settings["Flux2:OutputDirectory"] = output;
settings["Flux2:Tools:SaveImages"] = "false"; // saved below under readable names
var services = new ServiceCollection();
services.AddLogging(logging => logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning).AddFilter("Polly", LogLevel.Error));
services.AddFlux2Tools(new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(settings).Build());
await using var provider = services.BuildServiceProvider();
var tools = provider.GetRequiredService<Flux2ImageTools>();

Console.WriteLine($"Generating {prompts.Length} images, {concurrency} at a time, into {output}");
var clock = Stopwatch.StartNew();
var results = new BatchItem[prompts.Length];
decimal cost = 0;
bool simulated = false;
await Parallel.ForEachAsync(Enumerable.Range(0, prompts.Length), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
{
    var started = Stopwatch.StartNew();
    try
    {
        var generated = await tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = prompts[i], Size = "landscape_16_9", OutputFormat = "jpeg" }, null, ct);
        var image = generated.Images.FirstOrDefault(im => im.Id is not null)
            ?? throw new Flux2Exception(Flux2ErrorKind.EmptyResult, "the provider returned no image that could be kept: " + string.Join("; ", generated.Warnings));
        var saved = await tools.DownloadImageAsync(new Flux2DownloadImageInput { Url = image.Uri!, Path = $"{i + 1:00}-{Slug(prompts[i])}.jpg", Overwrite = true }, ct);
        lock (results)
        {
            cost += generated.Cost.ActualUsd ?? generated.Cost.EstimatedUsd ?? 0;
            simulated |= generated.Simulated;
        }

        results[i] = new BatchItem(i + 1, prompts[i], true, saved.Path, generated.Seed, started.Elapsed.TotalSeconds, null);
        Console.WriteLine($"  ok   {i + 1,2} {saved.Path} (seed {generated.Seed}, {started.Elapsed.TotalSeconds:0.0} s)");
    }
    catch (Flux2Exception ex)
    {
        var error = Flux2ToolError.From(ex);
        results[i] = new BatchItem(i + 1, prompts[i], false, null, null, started.Elapsed.TotalSeconds, error.ToString());
        Console.WriteLine($"  FAIL {i + 1,2} {error}");
    }
});

int ok = results.Count(r => r.Ok);
string summaryPath = Path.Combine(output, "summary.json");
await File.WriteAllTextAsync(summaryPath, JsonSerializer.Serialize(results, BatchJsonContext.Default.BatchItemArray));
Console.WriteLine($"Summary: {ok} succeeded, {results.Length - ok} failed in {clock.Elapsed.TotalSeconds:0.0} s; estimated cost ${cost:0.000}{(simulated ? " (simulated)" : "")}.");
if (simulator is not null)
{
    long submits = simulator.Counters.Get("fal-queue", "submit");
    Console.WriteLine($"Simulator: {submits} submits for {prompts.Length} prompts ({submits - prompts.Length} refused with 429/503 and retried).");
    await simulator.DisposeAsync();
}

Console.WriteLine($"Wrote {summaryPath}");
return ok == results.Length ? 0 : 1;

static string Slug(string prompt) =>
    string.Join('-', prompt.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(4).Select(w => new string([.. w.Where(char.IsAsciiLetterOrDigit)])).Where(w => w.Length > 0));
