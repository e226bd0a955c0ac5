using Flux2.Agents;
using Microsoft.Extensions.AI;
using ModelContextProtocol;

namespace Flux2.Mcp;

/// <summary>
/// The MCP face of one of the core's tool functions: the same name, description and schemas; progress relayed as MCP progress
/// notifications; the outcome rendered as MCP content (text, previews, resource links, structured content).
/// </summary>
/// <remarks>With a <paramref name="confirmation"/>, a call whose estimate is above the threshold waits for the user's answer first.</remarks>
internal sealed class Flux2McpToolFunction(Flux2ToolFunction inner, Flux2McpResultRenderer renderer, Flux2McpCostConfirmation? confirmation = null)
    : DelegatingAIFunction(inner)
{
    /// <inheritdoc />
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        if (arguments.Services?.GetService(typeof(IProgress<ProgressNotificationValue>)) is IProgress<ProgressNotificationValue> progress)
        {
            Flux2ToolFunction.SetProgress(arguments, new Flux2McpProgressRelay(progress));
        }

        if (confirmation is not null
            && await confirmation.CheckAsync(inner, arguments, cancellationToken).ConfigureAwait(false) is { } notSent)
        {
            return notSent;
        }

        var outcome = await inner.InvokeForOutcomeAsync(arguments, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            { Error: { } error } => Flux2McpResultRenderer.Render(error),
            { Output: Flux2GenerateImageOutput generated } => await renderer.RenderAsync(generated, cancellationToken).ConfigureAwait(false),
            { Output: Flux2DownloadImageOutput downloaded } => renderer.Render(downloaded),
            _ => throw new InvalidOperationException($"{Name} returned {outcome.Output?.GetType().Name}, which has no MCP rendering."),
        };
    }
}
