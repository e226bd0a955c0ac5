namespace Flux2.Mcp;

/// <summary>
/// One generate_image call as it passes the server's filters: who made it and how many images it asks for, and, when the Tasks
/// extension turned it into a task, the task's job id (set by <see cref="Flux2McpTaskStore"/> when it creates the task, read by
/// the tool when it runs in the background). It flows with the call's work (an <see cref="AsyncLocal{T}"/> holding this object).
/// </summary>
internal sealed class Flux2McpCallScope
{
    private static readonly AsyncLocal<Flux2McpCallScope?> CurrentScope = new();

    private Flux2McpCallScope(string owner, int numImages)
    {
        Owner = owner;
        NumImages = numImages;
    }

    /// <summary>The scope of the call being served, if any.</summary>
    public static Flux2McpCallScope? Current => CurrentScope.Value;

    /// <summary>Who made the call.</summary>
    public string Owner { get; }

    /// <summary>How many images the call asks for.</summary>
    public int NumImages { get; }

    /// <summary>The job (and task) id when the call runs as a task.</summary>
    public string? TaskJobId { get; set; }

    /// <summary>Starts the scope of a call for the rest of its work.</summary>
    public static Flux2McpCallScope Begin(string owner, int numImages)
    {
        var scope = new Flux2McpCallScope(owner, numImages);
        CurrentScope.Value = scope;
        return scope;
    }
}
