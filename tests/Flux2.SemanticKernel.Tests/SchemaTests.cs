using System.Text.Json;
using System.Text.Json.Nodes;
using Flux2.Agents;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.SemanticKernel.Tests;

/// <summary>The plugin is the core's AIFunctions: the model sees through SK the very schema the MCP server and Agent Framework show.</summary>
public sealed class SchemaTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [InlineData(Flux2ToolNames.GenerateImage)]
    [InlineData(Flux2ToolNames.DownloadImage)]
    public void KernelFunctionSchema_IsTheCoreFunctionSchema(string name)
    {
        using var kernel = TestKernel.Create(simulator.Server);
        AIFunction sk = kernel.Kernel.Plugins[Flux2SemanticKernelOptions.DefaultPluginName][name];
        AIFunction core = kernel.Kernel.Services.GetRequiredService<Flux2ImageTools>().AsAIFunctions().Single(f => f.Name == name);

        Assert.Equal(core.Description, sk.Description);
        var coreProperties = core.JsonSchema.GetProperty("properties");
        var skProperties = sk.JsonSchema.GetProperty("properties");
        Assert.Equal(coreProperties.EnumerateObject().Select(p => p.Name), skProperties.EnumerateObject().Select(p => p.Name));
        foreach (var property in coreProperties.EnumerateObject())
        {
            var seen = skProperties.GetProperty(property.Name);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(property.Value.GetRawText()), JsonNode.Parse(seen.GetRawText())),
                $"{name}.{property.Name} differs:\n core: {property.Value.GetRawText()}\n SK:   {seen.GetRawText()}");
        }

        Assert.Equal(Required(core.JsonSchema), Required(sk.JsonSchema));
    }

    private static IEnumerable<string?> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(e => e.GetString()).Order() : [];
}
