namespace Flux2.Mcp;

/// <summary>
/// Builds the lazily created tools and resources on a thread-pool thread once <c>initialize</c> has been answered, so the
/// client's tools/list that follows finds them ready.
/// </summary>
internal sealed class Flux2McpWarmUp(IEnumerable<ModelContextProtocol.Server.McpServerTool> tools, IEnumerable<ModelContextProtocol.Server.McpServerResource> resources)
{
    private int _started;

    /// <summary>Starts the warm-up (once; later calls do nothing).</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _ = Task.Run(Run);
        }
    }

    private void Run()
    {
        try
        {
            foreach (var tool in tools)
            {
                (tool as Flux2McpLazyTool)?.EnsureCreated();
            }

            foreach (var resource in resources)
            {
                (resource as Flux2McpLazyResource)?.EnsureCreated();
            }

            Flux2McpStartupTrace.Mark("warm-up done");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or ObjectDisposedException or NotSupportedException)
        {
            // Nothing is lost: the lazy primitive keeps the exception and the request that needs it reports it.
            Flux2McpStartupTrace.Mark("warm-up failed: " + ex.Message);
        }
    }
}
