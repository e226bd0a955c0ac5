using System.Text.Json.Nodes;
using Flux2.Simulator;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Flux2.Benchmarks;

/// <summary>The published flux2-mcp spawned over stdio with fal pointed at an in-process simulator, and an MCP C# SDK client on it.</summary>
internal sealed class McpServerSession : IAsyncDisposable
{
    private McpServerSession(McpClient client) => Client = client;

    /// <summary>The connected client.</summary>
    public McpClient Client { get; }

    /// <summary>Spawns <c>flux2-mcp</c> from <paramref name="published"/>; <paramref name="mode"/> is the fal mode (queue, the default, or sync).</summary>
    public static async Task<McpServerSession> StartAsync(string published, SimulatorServer simulator, string output, string? mode, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        Directory.CreateDirectory(output);
        Dictionary<string, string?> env = ServerEnvironment(simulator, output);
        if (mode is not null)
        {
            env["Flux2__Providers__fal__Mode"] = mode;
        }

        foreach (var pair in extra ?? new Dictionary<string, string>())
        {
            env[pair.Key] = pair.Value;
        }

        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = Path.Combine(published, "flux2-mcp"),
            Arguments = [],
            EnvironmentVariables = env,
            Name = "flux2-mcp",
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        });
        McpClient client = await McpClient.CreateAsync(transport, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new McpServerSession(client);
    }

    /// <summary>
    /// The environment of a spawned flux2-mcp: fal (with a key) pointed at <paramref name="simulator"/>, files under
    /// <paramref name="output"/>, and no provider key or token inherited from the machine.
    /// </summary>
    public static Dictionary<string, string?> ServerEnvironment(SimulatorServer simulator, string output)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        return new Dictionary<string, string?>
        {
            ["Flux2__Provider"] = "fal",
            ["Flux2__Providers__fal__ApiKey"] = BenchClient.ApiKey,
            ["Flux2__Providers__fal__BaseUrl"] = simulator.DialectUrl("fal").ToString(),
            ["Flux2__Providers__fal__QueueBaseUrl"] = simulator.DialectUrl("fal-queue").ToString(),
            ["Flux2__OutputDirectory"] = output,
            ["Flux2__Tools__CacheDirectory"] = output + "-cache",
            ["FAL_KEY"] = null, ["BFL_API_KEY"] = null, ["REPLICATE_API_TOKEN"] = null, ["TOGETHER_API_KEY"] = null, ["AIML_API_KEY"] = null, ["SEGMIND_API_KEY"] = null,
            ["FLUX2_MCP_TOKEN"] = null,
        };
    }

    /// <summary>Sends a raw JSON-RPC request and returns its result node (throws on a JSON-RPC error).</summary>
    public async Task<JsonNode> RequestAsync(string method, JsonNode? parameters, CancellationToken cancellationToken)
    {
        JsonRpcResponse response = await Client.SendRequestAsync(new JsonRpcRequest { Method = method, Params = parameters }, cancellationToken).ConfigureAwait(false);
        return response.Result ?? throw new InvalidOperationException($"{method} returned no result");
    }

    /// <summary>The arguments of a <c>tools/call generate_image</c>.</summary>
    public static JsonNode GenerateParams(string prompt, string size, long? seed) => new JsonObject
    {
        ["name"] = "generate_image",
        ["arguments"] = seed is { } s
            ? new JsonObject { ["prompt"] = prompt, ["size"] = size, ["seed"] = s }
            : new JsonObject { ["prompt"] = prompt, ["size"] = size },
    };

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
