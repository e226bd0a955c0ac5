// A Microsoft Agent Framework chat agent with the FLUX.2 tools: a ChatClientAgent whose tools are the tool core's AIFunctions
// (generate_image, download_image). With OPENAI_API_KEY (and optionally OPENAI_BASE_URL, OPENAI_MODEL) it talks to that
// OpenAI-compatible model, interactively when stdin is a terminal; without, a scripted model drives the SAME agent, so the
// function calls are real. With no image provider key, the built-in simulator makes the images.
using System.ClientModel;
using AgentFrameworkChat;
using Flux2.Agents;
using Flux2.Client;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenAI;

var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
string output = configuration["FLUX2_OUTPUT_DIR"] is { Length: > 0 } dir ? dir
    : configuration["Flux2:OutputDirectory"] is { Length: > 0 } configured ? configured
    : Path.Combine(Path.GetTempPath(), "flux2-samples", "agent-framework-chat");
string? openAiKey = configuration["OPENAI_API_KEY"];

var services = new ServiceCollection();
services.AddLogging(logging => logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning).AddFilter("Polly", LogLevel.Error));
services.AddFlux2Tools(configuration);
services.Configure<Flux2.Client.Flux2ClientOptions>(o => o.OutputDirectory = output);
services.AddFlux2OfflineSimulator(o => o.LatencyMs = 100);
services.AddSingleton<IProgress<Flux2Progress>>(new ToolProgressPrinter(Console.Out));
await using var provider = services.BuildServiceProvider();
var tools = provider.GetRequiredService<Flux2ImageTools>();

IChatClient model;
if (openAiKey is { Length: > 0 })
{
    var endpoint = configuration["OPENAI_BASE_URL"] is { Length: > 0 } url ? new Uri(url) : null;
    string modelName = configuration["OPENAI_MODEL"] is { Length: > 0 } name ? name : "gpt-4o-mini";
    model = new OpenAIClient(new ApiKeyCredential(openAiKey), new OpenAIClientOptions { Endpoint = endpoint }).GetChatClient(modelName).AsIChatClient();
    Console.WriteLine($"Chat model: {modelName} at {endpoint?.ToString() ?? "api.openai.com"}");
}
else
{
    model = new ScriptedChatClient();
    Console.WriteLine("Chat model: scripted (set OPENAI_API_KEY to talk to a real model)");
}

// The one call that matters: the tool core's functions are the agent's tools. download_image asks first (an approval request the
// host answers), since it writes files; the agent's services give the tools a progress sink.
AIAgent agent = new ChatClientAgent(
    model,
    instructions: "You are an illustrator. Use generate_image to draw what the user asks, then download_image with the returned "
        + "image uri (path lighthouse.png, overwrite true) and tell the user where the file is.",
    name: "illustrator",
    description: null,
    tools: [.. tools.AsAIFunctions(new Flux2ToolFunctionOptions { RequireApprovalForDownload = true })],
    loggerFactory: null,
    services: provider);
AgentSession session = await agent.CreateSessionAsync();

bool interactive = openAiKey is { Length: > 0 } && !Console.IsInputRedirected;
string[] script = ["Draw a lighthouse on a cliff at dusk, warm light in the window, and save it."];
int turn = 0;
while (true)
{
    string? userText;
    if (interactive)
    {
        Console.Write("you> ");
        userText = Console.ReadLine();
        if (string.IsNullOrWhiteSpace(userText) || userText.Trim() is "exit" or "quit")
        {
            break;
        }
    }
    else
    {
        if (turn >= script.Length)
        {
            break;
        }

        userText = script[turn++];
        Console.WriteLine($"you> {userText}");
    }

    AgentResponse response = await agent.RunAsync(userText, session);
    Print(response);

    // Tools that need approval come back as requests; answer them (a person when interactive, else approved by this run's rule).
    while (response.Messages.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>().ToList() is { Count: > 0 } requests)
    {
        List<AIContent> answers = [.. requests.Select(request => (AIContent)request.CreateResponse(Approve(request)))];
        response = await agent.RunAsync(new ChatMessage(ChatRole.User, answers), session);
        Print(response);
    }
}

string saved = Path.Combine(Path.GetFullPath(output), "lighthouse.png");
Console.WriteLine(File.Exists(saved) ? $"Saved: {saved}" : "No image was saved.");
return File.Exists(saved) || interactive ? 0 : 1;

bool Approve(ToolApprovalRequestContent request)
{
    string call = request.ToolCall is FunctionCallContent function ? Describe(function) : "a tool call";
    if (!interactive)
    {
        Console.WriteLine($"  [approval] {call}: approved (non-interactive run)");
        return true;
    }

    Console.Write($"  [approval] allow {call}? [y/N] ");
    return Console.ReadLine()?.Trim().ToLowerInvariant() is "y" or "yes";
}

static void Print(AgentResponse response)
{
    foreach (var content in response.Messages.SelectMany(m => m.Contents))
    {
        switch (content)
        {
            case FunctionCallContent call:
                Console.WriteLine($"  [tool] {Describe(call)}");
                break;
            case FunctionResultContent result:
                string text = result.Result?.ToString() ?? "";
                Console.WriteLine($"  [tool] -> {(text.Length > 300 ? text[..300] + "..." : text)}");
                break;
        }
    }

    if (!string.IsNullOrWhiteSpace(response.Text))
    {
        Console.WriteLine($"assistant> {response.Text}");
    }
}

static string Describe(FunctionCallContent call) =>
    $"{call.Name}({string.Join(", ", call.Arguments?.Select(a => $"{a.Key}={a.Value}") ?? [])})";
