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

    private readonly TempDirectory _root;

    private TestKernel(Kernel kernel, TempDirectory root)
    {
        Kernel = kernel;
        _root = root;
    }

    public Kernel Kernel { get; }

    /// <summary>Where the plugin saves images.</summary>
    public string OutputDirectory => _root.Combine("out");

    /// <summary>fal on the simulator with <see cref="ApiKey"/>, images under <paramref name="root"/> (out/, cache/), then <paramref name="extra"/>.</summary>
    public static IConfiguration Configuration(SimulatorServer simulator, TempDirectory root, IDictionary<string, string?>? extra = null)
    {
        var settings = SimulatedFalSettings.For(simulator, ApiKey, root.Combine("out"), root.Combine("cache")).ToDictionary(p => p.Key, p => (string?)p.Value);
        foreach (var pair in extra ?? new Dictionary<string, string?>())
        {
            settings[pair.Key] = pair.Value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    public static TestKernel Create(SimulatorServer simulator, IChatClient? chatModel = null, Action<Flux2SemanticKernelOptions>? configure = null, IDictionary<string, string?>? extra = null)
    {
        var root = new TempDirectory("sk");
        var builder = Kernel.CreateBuilder();
        builder.AddFlux2ImageTools(Configuration(simulator, root, extra), configure);
        if (chatModel is not null)
        {
            var invoking = chatModel.AsBuilder().UseKernelFunctionInvocation().Build();
            builder.Services.AddSingleton(invoking);
            builder.Services.AddSingleton(sp => invoking.AsChatCompletionService(sp));
        }

        return new TestKernel(builder.Build(), root);
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

    public void Dispose() => _root.Dispose();
}
