using System.Text.Json;
using System.Text.Json.Nodes;
using Flux2.Agents;
using Flux2.Mcp;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using ModelContextProtocol.Server;

namespace Flux2.SemanticKernel.Tests;

/// <summary>The two faces must not drift: the kernel functions' schema is compared with the MCP server's own tool list.</summary>
public sealed class SchemaParityTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [InlineData("generate_image")]
    [InlineData("download_image")]
    public void KernelFunctionSchema_MatchesTheMcpToolSchema(string name)
    {
        var mcp = McpTools()[name];
        using var kernel = TestKernel.Create(simulator.Server);
        AIFunction function = kernel.Kernel.Plugins[Flux2SemanticKernelOptions.DefaultPluginName][name];

        Assert.Equal(mcp.Description, function.Description);
        var mcpSchema = mcp.InputSchema;
        var skSchema = function.JsonSchema;
        Assert.Equal(
            mcpSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name),
            skSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        foreach (var property in mcpSchema.GetProperty("properties").EnumerateObject())
        {
            var sk = skSchema.GetProperty("properties").GetProperty(property.Name);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(property.Value.GetRawText()), JsonNode.Parse(sk.GetRawText())),
                $"{name}.{property.Name} differs:\n MCP: {property.Value.GetRawText()}\n SK:  {sk.GetRawText()}");
        }

        Assert.Equal(Required(mcpSchema), Required(skSchema));
    }

    [Fact]
    public void KernelFunctionSchema_UsesTheSharedDescriptionsEnumsAndRanges()
    {
        using var kernel = TestKernel.Create(simulator.Server);
        var plugin = kernel.Kernel.Plugins[Flux2SemanticKernelOptions.DefaultPluginName];
        var generate = ((AIFunction)plugin[Flux2ToolNames.GenerateImage]).JsonSchema.GetProperty("properties");
        var download = ((AIFunction)plugin[Flux2ToolNames.DownloadImage]).JsonSchema.GetProperty("properties");

        Assert.Equal(Flux2ToolDescriptions.GenerateImage, plugin[Flux2ToolNames.GenerateImage].Description);
        Assert.Equal(Flux2ToolDescriptions.DownloadImage, plugin[Flux2ToolNames.DownloadImage].Description);
        var expected = new Dictionary<string, string>
        {
            ["prompt"] = Flux2ToolDescriptions.Prompt,
            ["model"] = Flux2ToolDescriptions.Model,
            ["size"] = Flux2ToolDescriptions.Size,
            ["num_images"] = Flux2ToolDescriptions.NumImages,
            ["seed"] = Flux2ToolDescriptions.Seed,
            ["guidance_scale"] = Flux2ToolDescriptions.GuidanceScale,
            ["num_inference_steps"] = Flux2ToolDescriptions.NumInferenceSteps,
            ["output_format"] = Flux2ToolDescriptions.OutputFormat,
            ["safety_tolerance"] = Flux2ToolDescriptions.SafetyTolerance,
            ["reference_images"] = Flux2ToolDescriptions.ReferenceImages,
            ["provider"] = Flux2ToolDescriptions.Provider,
        };
        Assert.Equal(expected.Keys, generate.EnumerateObject().Select(p => p.Name));
        foreach (var (parameter, description) in expected)
        {
            Assert.Equal(description, generate.GetProperty(parameter).GetProperty("description").GetString());
        }

        Assert.Equal(Flux2ToolDescriptions.Url, download.GetProperty("url").GetProperty("description").GetString());
        Assert.Equal(Flux2ToolDescriptions.Path, download.GetProperty("path").GetProperty("description").GetString());
        Assert.Equal(Flux2ToolDescriptions.Overwrite, download.GetProperty("overwrite").GetProperty("description").GetString());

        // Fixed sets are strings with an enum (the core validates them), so a JSON string argument always binds.
        Assert.Contains("flux-2-klein-4b", Enum(generate.GetProperty("model")));
        Assert.Equal(["png", "jpeg", "webp"], Enum(generate.GetProperty("output_format")));
        Assert.Contains("segmind", Enum(generate.GetProperty("provider")));
        Assert.Equal(1, generate.GetProperty("num_images").GetProperty("minimum").GetInt32());
        Assert.Equal(4, generate.GetProperty("num_images").GetProperty("maximum").GetInt32());
        Assert.Equal(6, generate.GetProperty("safety_tolerance").GetProperty("maximum").GetInt32());
        Assert.Contains("landscape_16_9", generate.GetProperty("size").GetProperty("pattern").GetString());
    }

    /// <summary>The MCP server's tools as it registers them (built in-process, not run).</summary>
    private static Dictionary<string, ModelContextProtocol.Protocol.Tool> McpTools()
    {
        string output = TestKernel.NewOutputDirectory();
        using var host = Flux2McpHost.BuildStdio([$"--Flux2:OutputDirectory={output}", $"--Flux2:Tools:CacheDirectory={output}-cache"]);
        return host.Services.GetServices<McpServerTool>().Select(t => t.ProtocolTool).ToDictionary(t => t.Name);
    }

    private static IEnumerable<string?> Enum(JsonElement schema) =>
        schema.GetProperty("enum").EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString());

    private static List<string?> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(e => e.GetString()).Order()] : [];
}
