// A C# MCP client for the FLUX.2 MCP server: starts flux2-mcp over stdio (the dll built with this sample, under `dotnet`),
// lists and calls its tools, then imports the same tools into a Semantic Kernel kernel as a plugin (McpClientTool.AsKernelFunction())
// and calls them through the kernel. No provider key: the server's built-in simulator answers and results say simulated.
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

string output = Path.GetFullPath(Environment.GetEnvironmentVariable("FLUX2_OUTPUT_DIR") is { Length: > 0 } dir ? dir
    : Path.Combine(Path.GetTempPath(), "flux2-samples", "mcp-client"));
string server = Path.Combine(AppContext.BaseDirectory, "flux2-mcp.dll");
if (!File.Exists(server))
{
    Console.Error.WriteLine($"flux2-mcp.dll is not next to this sample ({AppContext.BaseDirectory}); build it with: dotnet build samples/McpClient");
    return 1;
}

var transport = new StdioClientTransport(new StdioClientTransportOptions
{
    Name = "flux2-mcp",
    Command = DotnetHost(),
    Arguments = [server],
    EnvironmentVariables = new Dictionary<string, string?>
    {
        ["FLUX2_OUTPUT_DIR"] = output,
        ["Flux2__Tools__CacheDirectory"] = output + "-cache",
        ["Flux2__Simulator__LatencyMs"] = "100",
    },
    StandardErrorLines = line => Console.Error.WriteLine("  [server] " + line),
});
await using var client = await McpClient.CreateAsync(transport);
Console.WriteLine($"Connected to {client.ServerInfo?.Name} {client.ServerInfo?.Version}");

var tools = await client.ListToolsAsync();
foreach (var tool in tools)
{
    Console.WriteLine($"tool {tool.Name}: {tool.Description}");
}

// 1. Plain MCP calls: generate (with progress notifications), then download the returned id.
var progress = new Progress<ProgressNotificationValue>(p => Console.WriteLine($"  progress {p.Progress}: {p.Message}"));
var generated = await client.CallToolAsync("generate_image",
    new Dictionary<string, object?> { ["prompt"] = "a paper crane on a wooden desk, morning light", ["size"] = "square", ["seed"] = 7, ["output_format"] = "png" }, progress);
Describe("generate_image", generated);
string id = generated.StructuredContent!.Value.GetProperty("images")[0].GetProperty("id").GetString()!;
var downloaded = await client.CallToolAsync("download_image",
    new Dictionary<string, object?> { ["url"] = "flux2://images/" + id, ["path"] = "mcp-crane.png", ["overwrite"] = true });
Describe("download_image", downloaded);

// 2. The same tools as a kernel plugin: each McpClientTool is an AIFunction, so AsKernelFunction() turns it into a KernelFunction.
var kernel = Kernel.CreateBuilder().Build();
var plugin = kernel.Plugins.AddFromFunctions("flux2mcp", tools.Select(t => t.AsKernelFunction()));
Console.WriteLine($"kernel plugin {plugin.Name}: {string.Join(", ", plugin.Select(f => f.Name))}");
var viaKernel = await kernel.InvokeAsync(plugin["generate_image"], new KernelArguments { ["prompt"] = "a paper boat on a pond", ["size"] = "square", ["seed"] = 8, ["output_format"] = "png" });
var kernelResult = Structured(viaKernel.GetValue<object>());
string kernelId = kernelResult.GetProperty("images")[0].GetProperty("id").GetString()!;
Console.WriteLine($"kernel generate_image -> id {kernelId}, simulated {kernelResult.GetProperty("simulated").GetBoolean()}");
var kernelSaved = Structured((await kernel.InvokeAsync(plugin["download_image"],
    new KernelArguments { ["url"] = "flux2://images/" + kernelId, ["path"] = "kernel-boat.png", ["overwrite"] = true })).GetValue<object>());
Console.WriteLine($"kernel download_image -> {kernelSaved.GetProperty("path").GetString()}");

bool ok = File.Exists(Path.Combine(output, "mcp-crane.png")) && File.Exists(Path.Combine(output, "kernel-boat.png"));
Console.WriteLine(ok ? $"Saved: {Path.Combine(output, "mcp-crane.png")} and {Path.Combine(output, "kernel-boat.png")}" : "Expected files are missing.");
return ok ? 0 : 1;

static void Describe(string tool, CallToolResult result)
{
    Console.WriteLine($"{tool} -> {(result.IsError == true ? "error" : "ok")}");
    foreach (var block in result.Content)
    {
        Console.WriteLine(block switch
        {
            TextContentBlock text => "  text: " + text.Text.ReplaceLineEndings(" "),
            ImageContentBlock image => $"  image: {image.MimeType}, {image.Data.Length} base64 bytes (preview)",
            ResourceLinkBlock link => $"  resource_link: {link.Uri}",
            _ => "  " + block.Type,
        });
    }
}

// The kernel hands back what McpClientTool returns (the CallToolResult as JSON); the structured content is the tool core's result.
static JsonElement Structured(object? value)
{
    var json = value is JsonElement element ? element : JsonSerializer.SerializeToElement(value, AIJsonUtilities.DefaultOptions);
    if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("structuredContent", out var structured))
    {
        return structured;
    }

    throw new InvalidOperationException("Unexpected tool result: " + json.GetRawText()[..Math.Min(300, json.GetRawText().Length)]);
}

static string DotnetHost() =>
    Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
    : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
    : "dotnet";
