// A multi-step workflow over the FLUX.2 kernel functions, the way an agent would chain them:
//   1. generate three candidates with fixed seeds (in parallel),
//   2. pick one (here: the most detailed, i.e. the largest file; an agent would look at the previews),
//   3. refine it: a new prompt with the picked image as reference image 1,
//   4. download the final image under a chosen name.
// Every step is a kernel function call whose JSON result feeds the next one. No key: the built-in simulator answers.
using System.Text.Json;
using Flux2.Agents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
string output = configuration["FLUX2_OUTPUT_DIR"] is { Length: > 0 } dir ? dir
    : configuration["Flux2:OutputDirectory"] is { Length: > 0 } configured ? configured
    : Path.Combine(Path.GetTempPath(), "flux2-samples", "agent-workflow");

var builder = Kernel.CreateBuilder();
builder.Services.AddLogging(logging => logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning).AddFilter("Polly", LogLevel.Error));
builder.AddFlux2ImageTools(configuration);
builder.Services.Configure<Flux2.Client.Flux2ClientOptions>(o => o.OutputDirectory = output);
builder.Services.AddFlux2OfflineSimulator(o => o.LatencyMs = 100);
var kernel = builder.Build();
var flux2 = kernel.Plugins[Flux2.SemanticKernel.Flux2SemanticKernelOptions.DefaultPluginName];

const string Prompt = "a red bicycle leaning on a stone wall in a sunny village street, photographic";
long[] seeds = [101, 202, 303];

try
{
    // 1. Candidates, one per seed, in parallel.
    var candidates = await Task.WhenAll(seeds.Select(async seed =>
    {
        var result = await CallAsync(Flux2ToolNames.GenerateImage, new() { ["prompt"] = Prompt, ["seed"] = seed, ["size"] = "landscape_4_3", ["output_format"] = "png" });
        var image = result.GetProperty("images")[0];
        var candidate = (Seed: seed, Id: image.GetProperty("id").GetString()!, Bytes: image.GetProperty("bytes").GetInt64());
        Console.WriteLine($"candidate seed={candidate.Seed} id={candidate.Id} bytes={candidate.Bytes}");
        return candidate;
    }));

    // 2. Pick one.
    var picked = candidates.MaxBy(c => c.Bytes);
    Console.WriteLine($"picked seed={picked.Seed} id={picked.Id}");

    // 3. Refine it, with the picked image as the reference image (by id: the tool core sends the stored bytes).
    var refined = await CallAsync(Flux2ToolNames.GenerateImage, new()
    {
        ["prompt"] = "the same street as image 1 at blue hour, street lamps on, same bicycle and framing",
        ["reference_images"] = new[] { Flux2ImageUris.For(picked.Id) },
        ["seed"] = picked.Seed,
        ["size"] = "landscape_4_3",
        ["output_format"] = "png",
    });
    string finalId = refined.GetProperty("images")[0].GetProperty("id").GetString()!;
    Console.WriteLine($"refined id={finalId} from reference {picked.Id} (provider {refined.GetProperty("provider").GetString()}, model {refined.GetProperty("model").GetString()})");

    // 4. Download the final image under a chosen name.
    var saved = await CallAsync(Flux2ToolNames.DownloadImage, new() { ["url"] = Flux2ImageUris.For(finalId), ["path"] = "final.png", ["overwrite"] = true });
    Console.WriteLine($"saved {saved.GetProperty("path").GetString()} ({saved.GetProperty("width").GetInt32()}x{saved.GetProperty("height").GetInt32()}, sha256 {saved.GetProperty("sha256").GetString()![..12]}...)");
    return 0;
}
catch (InvalidOperationException ex)
{
    // A tool error is a readable result, not a crash: say which step stopped the workflow and why.
    Console.Error.WriteLine($"workflow stopped: {ex.Message}");
    return 1;
}

// Calls a plugin function with arguments as JSON values (as a model would send them) and returns its JSON result; a tool error stops the workflow.
async Task<JsonElement> CallAsync(string function, Dictionary<string, object?> arguments)
{
    var kernelArguments = new KernelArguments();
    foreach (var (name, value) in arguments)
    {
        kernelArguments[name] = JsonSerializer.SerializeToElement(value);
    }

    var result = await kernel.InvokeAsync(flux2[function], kernelArguments);
    using var json = JsonDocument.Parse(result.GetValue<string>()!);
    if (json.RootElement.TryGetProperty("error", out var error))
    {
        throw new InvalidOperationException($"{function} failed ({error.GetString()}): {json.RootElement.GetProperty("message").GetString()}");
    }

    return json.RootElement.Clone();
}
