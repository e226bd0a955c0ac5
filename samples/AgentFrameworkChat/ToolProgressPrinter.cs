using System.Globalization;
using Flux2.Client;

namespace AgentFrameworkChat;

/// <summary>
/// Prints the tools' progress (queue position, running, retries) as it happens. The agent's services offer it, and the tools
/// report to the <see cref="IProgress{T}"/> their call's services provide, so no tool code knows about the console.
/// </summary>
internal sealed class ToolProgressPrinter(TextWriter output) : IProgress<Flux2Progress>
{
    public void Report(Flux2Progress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string position = value.QueuePosition is { } p ? string.Create(CultureInfo.InvariantCulture, $" (queue position {p})") : "";
        string message = string.IsNullOrWhiteSpace(value.Message) ? "" : ": " + value.Message;
        output.WriteLine($"  [progress] {value.Status.ToString().ToLowerInvariant()}{position}{message}");
    }
}
