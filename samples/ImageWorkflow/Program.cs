// An image workflow written with Microsoft Agent Framework Workflows over the FLUX.2 tool core:
//   brief -> N candidates with distinct seeds (fan-out, generated in the same step) -> collect (fan-in barrier)
//   -> a RequestPort asks which one to refine (the console answers when stdin is a terminal, else a rule: --choose largest|smallest|N)
//   -> refine the chosen one with a new prompt and the candidate as reference image 1 -> download it as final.png.
// No provider key: the built-in simulator makes the images. Usage: dotnet run --project samples/ImageWorkflow [-- --candidates 3 --choose largest]
using System.Globalization;
using Flux2.Agents;
using ImageWorkflow;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
string output = configuration["FLUX2_OUTPUT_DIR"] is { Length: > 0 } dir ? dir
    : configuration["Flux2:OutputDirectory"] is { Length: > 0 } configured ? configured
    : Path.Combine(Path.GetTempPath(), "flux2-samples", "image-workflow");
string? rule = configuration["choose"] is { Length: > 0 } flag ? flag : configuration["FLUX2_WORKFLOW_CHOOSE"];
int count = int.TryParse(configuration["candidates"], NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : 3;
if (count is < 1 or > 8)
{
    Console.Error.WriteLine($"--candidates {configuration["candidates"]} is out of range; allowed: 1 to 8.");
    return 2;
}

if (CandidateChooser.Validate(rule, count) is { } ruleError)
{
    Console.Error.WriteLine(ruleError);
    return 2;
}

var services = new ServiceCollection();
services.AddLogging(logging => logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning).AddFilter("Polly", LogLevel.Error));
services.AddFlux2Tools(configuration);
services.Configure<Flux2.Client.Flux2ClientOptions>(o => o.OutputDirectory = output);
services.AddFlux2OfflineSimulator(o => o.LatencyMs = 100);
await using var provider = services.BuildServiceProvider();
var tools = provider.GetRequiredService<Flux2ImageTools>();

long[] seeds = [.. Enumerable.Range(1, count).Select(i => 101L * i)];
var brief = new ImageBrief(
    Prompt: "a red bicycle leaning on a stone wall in a sunny village street, photographic",
    RefinePrompt: "the same street as image 1 at blue hour, street lamps on, same bicycle and framing",
    Size: "landscape_4_3",
    OutputFormat: "png",
    FinalFileName: "final.png");
bool interactive = string.IsNullOrWhiteSpace(rule) && !Console.IsInputRedirected;
var chooser = new CandidateChooser(rule, interactive, Console.In, Console.Out);
var workflow = ImageWorkflowFactory.Build(tools, seeds);

Console.WriteLine($"Workflow: {count} candidate(s) with seeds {string.Join(", ", seeds)}; choice by {(interactive ? "the console" : "rule " + (rule ?? "largest"))}");
FinalImage? final = null;
string? failure = null;
await using (StreamingRun run = await InProcessExecution.RunStreamingAsync(workflow, brief))
{
    await foreach (WorkflowEvent evt in run.WatchStreamAsync())
    {
        switch (evt)
        {
            case ExecutorCompletedEvent { Data: Candidate c }:
                Console.WriteLine($"candidate {c.Number} seed={c.Seed} id={c.Uri} bytes={c.Bytes} file={c.Path}");
                break;
            case RequestInfoEvent request when request.Request.TryGetDataAs<CandidateChoiceRequest>(out var ask):
                var choice = chooser.Choose(ask);
                Console.WriteLine($"chose candidate {choice.Chosen.Number} seed={choice.Chosen.Seed} id={choice.Chosen.Uri} ({choice.Reason})");
                await run.SendResponseAsync(request.Request.CreateResponse(choice));
                break;
            case ExecutorCompletedEvent { Data: RefinedImage r }:
                Console.WriteLine($"refined id={r.Uri} from reference {r.Choice.Chosen.Uri} (provider {r.Provider}, model {r.Model}{(r.Simulated ? ", simulated" : "")})");
                break;
            case WorkflowOutputEvent outputEvent when outputEvent.Is<FinalImage>(out var image):
                final = image;
                break;
            case ExecutorFailedEvent failed:
                failure = $"step '{failed.ExecutorId}' failed: {(failed.Data as Exception)?.Message ?? failed.Data?.ToString()}";
                break;
            case WorkflowErrorEvent error:
                failure ??= $"workflow error: {error.Exception?.Message ?? "unknown"}";
                break;
        }
    }
}

if (final is null)
{
    Console.Error.WriteLine($"workflow stopped: {failure ?? "it ended without an output"}");
    return 1;
}

Console.WriteLine($"saved {final.Path} ({final.Width}x{final.Height}, {final.Bytes} bytes, sha256 {final.Sha256[..12]}...)");
return 0;
