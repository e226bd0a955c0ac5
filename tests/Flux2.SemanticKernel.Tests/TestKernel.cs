using Flux2.Simulator;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Flux2.SemanticKernel.Tests;

/// <summary>A kernel with the FLUX.2 plugin, fal pointed at a loopback simulator, and an optional scripted chat model wrapped for function invocation.</summary>
internal sealed class TestKernel : IDisposable
{
    public const string ApiKey = "sk-test-secret-key-4711";

    private TestKernel(Kernel kernel, string outputDirectory)
    {
        Kernel = kernel;
        OutputDirectory = outputDirectory;
    }

    public Kernel Kernel { get; }

    public string OutputDirectory { get; }

    public static Dictionary<string, string?> Settings(SimulatorServer simulator, string outputDirectory) => new()
    {
        ["Flux2:Provider"] = "fal",
        ["Flux2:Providers:fal:ApiKey"] = ApiKey,
        ["Flux2:Providers:fal:BaseUrl"] = simulator.DialectUrl("fal").ToString(),
        ["Flux2:Providers:fal:QueueBaseUrl"] = simulator.DialectUrl("fal-queue").ToString(),
        ["Flux2:Providers:fal:MaxRetries"] = "0",
        ["Flux2:OutputDirectory"] = outputDirectory,
        ["Flux2:Tools:CacheDirectory"] = outputDirectory + "-cache",
    };

    public static IConfiguration Configuration(SimulatorServer simulator, string outputDirectory, IDictionary<string, string?>? extra = null)
    {
        var settings = Settings(simulator, outputDirectory);
        foreach (var pair in extra ?? new Dictionary<string, string?>())
        {
            settings[pair.Key] = pair.Value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    public static string NewOutputDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "flux2-sk-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static TestKernel Create(SimulatorServer simulator, IChatClient? chatModel = null, Action<Flux2SemanticKernelOptions>? configure = null, IDictionary<string, string?>? extra = null)
    {
        string output = NewOutputDirectory();
        var builder = Kernel.CreateBuilder();
        builder.AddFlux2ImageTools(Configuration(simulator, output, extra), configure);
        if (chatModel is not null)
        {
            var invoking = chatModel.AsBuilder().UseKernelFunctionInvocation().Build();
            builder.Services.AddSingleton(invoking);
            builder.Services.AddSingleton(sp => invoking.AsChatCompletionService(sp));
        }

        return new TestKernel(builder.Build(), output);
    }

    /// <summary>Runs one user turn through the kernel's chat service with automatic function calling.</summary>
    public async Task<ChatMessageContent> AskAsync(ChatHistory history, string userText)
    {
        history.AddUserMessage(userText);
        var chat = Kernel.GetRequiredService<IChatCompletionService>();
        var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
        var reply = await chat.GetChatMessageContentAsync(history, settings, Kernel);
        history.Add(reply);
        return reply;
    }

    public void Dispose()
    {
        foreach (string dir in new[] { OutputDirectory, OutputDirectory + "-cache" })
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
