namespace Flux2.EndToEnd;

/// <summary>One <c>flux2-mcp --http</c> child process per test class, with its own output folder and home.</summary>
public sealed class McpHttpServerFixture : IAsyncLifetime
{
    private readonly TempDirectory _root = new("mcp-http");
    private McpServerProcess? _server;

    /// <summary>Where the server saves images (FLUX2_OUTPUT_DIR).</summary>
    public string OutputDirectory => Path.Combine(_root.Path, "output");

    /// <summary>A scratch folder for the tools run against the server (their HOME and working directory).</summary>
    public string Scratch => _root.Sub("scratch");

    /// <summary>The running server.</summary>
    public McpServerProcess Server => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>Starts the server.</summary>
    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(OutputDirectory);
        _server = await McpServerProcess.StartHttpAsync(OutputDirectory, _root.Sub("home")).ConfigureAwait(false);
    }

    /// <summary>Stops the server and removes its folders.</summary>
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        _root.Dispose();
    }
}
