using System.Text.Json;
using Flux2.Agents;
using Flux2.Simulator;
using Microsoft.SemanticKernel;

namespace Flux2.SemanticKernel.Tests;

/// <summary>Every class of failure comes back as a readable function result (the tool error JSON), never as an exception.</summary>
public sealed class ErrorResultTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [InlineData(SimulatorFaultKind.Unauthorized, "authentication", "provider", false)]
    [InlineData(SimulatorFaultKind.RateLimited, "rate_limited", "provider", true)]
    [InlineData(SimulatorFaultKind.ContentPolicy, "content_filtered", "content", false)]
    [InlineData(SimulatorFaultKind.DropConnection, "network", "network", true)]
    public async Task GenerateImage_ProviderFailure_ReturnsTheErrorAsAResult(SimulatorFaultKind fault, string error, string category, bool retryable)
    {
        using var kernel = TestKernel.Create(simulator.Server);
        simulator.Server.Faults.Clear();
        simulator.Server.Faults.Add("*", null, fault);
        try
        {
            var result = await InvokeAsync(kernel, Flux2ToolNames.GenerateImage, new { prompt = "a blue square", size = "128x128" });

            Assert.Equal(error, result.GetProperty("error").GetString());
            Assert.Equal(category, result.GetProperty("category").GetString());
            Assert.Equal(retryable, result.GetProperty("retryable").GetBoolean());
            Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("message").GetString()));
            Assert.DoesNotContain(TestKernel.ApiKey, result.GetRawText(), StringComparison.Ordinal);
        }
        finally
        {
            simulator.Server.Faults.Clear();
        }
    }

    [Fact]
    public async Task GenerateImage_InvalidArgument_NamesTheParameter()
    {
        using var kernel = TestKernel.Create(simulator.Server);
        long before = simulator.Server.Counters.Total;

        var result = await InvokeAsync(kernel, Flux2ToolNames.GenerateImage, new { prompt = "x", output_format = "bmp" });

        Assert.Equal("invalid_argument", result.GetProperty("error").GetString());
        Assert.Equal("argument", result.GetProperty("category").GetString());
        Assert.Equal("output_format", result.GetProperty("parameter").GetString());
        Assert.Contains("png", result.GetProperty("message").GetString());
        Assert.Equal(before, simulator.Server.Counters.Total);
    }

    [Fact]
    public async Task DownloadImage_RefusedScheme_IsADownloadRefusedResult()
    {
        using var kernel = TestKernel.Create(simulator.Server);

        var result = await InvokeAsync(kernel, Flux2ToolNames.DownloadImage, new { url = "ftp://example.com/cat.png" });

        Assert.Equal("download_refused", result.GetProperty("error").GetString());
        Assert.Equal("url", result.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task DownloadImage_UnknownId_TellsTheModelWhatToDo()
    {
        using var kernel = TestKernel.Create(simulator.Server);

        var result = await InvokeAsync(kernel, Flux2ToolNames.DownloadImage, new { url = "flux2://images/0123456789abcdef" });

        Assert.Equal("invalid_argument", result.GetProperty("error").GetString());
        Assert.Contains("generate", result.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DownloadImage_PathOutsideTheOutputDirectory_IsRefused()
    {
        using var kernel = TestKernel.Create(simulator.Server);
        var generated = await InvokeAsync(kernel, Flux2ToolNames.GenerateImage, new { prompt = "a tree", size = "128x128" });
        string id = generated.GetProperty("images")[0].GetProperty("id").GetString()!;

        var result = await InvokeAsync(kernel, Flux2ToolNames.DownloadImage, new { url = id, path = "../../escape.png" });

        Assert.Equal("download_refused", result.GetProperty("error").GetString());
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(kernel.OutputDirectory, "../../escape.png"))));
    }

    /// <summary>Invokes a plugin function through the kernel with arguments as JSON elements (as a function-calling model sends them).</summary>
    internal static async Task<JsonElement> InvokeAsync(TestKernel kernel, string function, object arguments)
    {
        var args = new KernelArguments();
        foreach (var property in JsonSerializer.SerializeToElement(arguments).EnumerateObject())
        {
            args[property.Name] = property.Value.Clone();
        }

        var result = await kernel.Kernel.InvokeAsync(Flux2SemanticKernelOptions.DefaultPluginName, function, args);
        return result.GetValue<object>() switch
        {
            JsonElement element => element.Clone(),
            string text => JsonDocument.Parse(text).RootElement.Clone(),
            var other => throw new InvalidOperationException($"Unexpected result {other?.GetType().Name}"),
        };
    }
}
