// A console chat agent: Semantic Kernel + automatic function calling + the FLUX.2 plugin (generate_image, download_image).
// With OPENAI_API_KEY (and optionally OPENAI_BASE_URL, OPENAI_MODEL) it talks to that OpenAI-compatible model; without, a scripted
// model drives the SAME kernel, so the tool calls are real. With no image provider key, the built-in simulator makes the images.
using System.ClientModel;
using ChatAgent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using OpenAI;

var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
string output = configuration["FLUX2_OUTPUT_DIR"] is { Length: > 0 } dir ? dir
    : configuration["Flux2:OutputDirectory"] is { Length: > 0 } configured ? configured
    : Path.Combine(Path.GetTempPath(), "flux2-samples", "chat-agent");
string? openAiKey = configuration["OPENAI_API_KEY"];

var builder = Kernel.CreateBuilder();
builder.Services.AddLogging(logging => logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning).AddFilter("Polly", LogLevel.Error));
builder.AddFlux2ImageTools(configuration, o => o.AddPreviewsToChatHistory = openAiKey is { Length: > 0 });
builder.Services.Configure<Flux2.Client.Flux2ClientOptions>(o => o.OutputDirectory = output);
builder.Services.AddFlux2OfflineSimulator(o => o.LatencyMs = 100);
builder.Services.AddSingleton<IFunctionInvocationFilter, ToolCallPrinter>();

IChatClient model;
if (openAiKey is { Length: > 0 })
{
    var endpoint = configuration["OPENAI_BASE_URL"] is { Length: > 0 } url ? new Uri(url) : null;
    var client = new OpenAIClient(new ApiKeyCredential(openAiKey), new OpenAIClientOptions { Endpoint = endpoint });
    model = client.GetChatClient(configuration["OPENAI_MODEL"] is { Length: > 0 } name ? name : "gpt-4o-mini").AsIChatClient();
    Console.WriteLine($"Chat model: {configuration["OPENAI_MODEL"] ?? "gpt-4o-mini"} at {endpoint?.ToString() ?? "api.openai.com"}");
}
else
{
    model = new ScriptedChatModel();
    Console.WriteLine("Chat model: scripted (set OPENAI_API_KEY to talk to a real model)");
}

var chatClient = model.AsBuilder().UseKernelFunctionInvocation().Build();
builder.Services.AddSingleton(chatClient);
builder.Services.AddSingleton(sp => chatClient.AsChatCompletionService(sp));
var kernel = builder.Build();

var chat = kernel.GetRequiredService<IChatCompletionService>();
var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
var history = new ChatHistory(
    "You are an illustrator. Use generate_image to draw what the user asks, then download_image with the returned id "
    + "(path lighthouse.png, overwrite true) and tell the user where the file is.");

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

    history.AddUserMessage(userText);
    var reply = await chat.GetChatMessageContentAsync(history, settings, kernel);
    history.Add(reply);
    Console.WriteLine($"assistant> {reply.Content}");

    // Multimodal chats: let the model see what it drew (opt-in; off with the scripted model).
    int previews = history.AddFlux2Previews(kernel);
    if (previews > 0)
    {
        Console.WriteLine($"  ({previews} preview(s) added to the chat history)");
    }
}

string saved = Path.Combine(Path.GetFullPath(output), "lighthouse.png");
Console.WriteLine(File.Exists(saved) ? $"Saved: {saved}" : "No image was saved.");
return File.Exists(saved) || interactive ? 0 : 1;
