using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Flux2.SemanticKernel;

/// <summary>
/// Hands a tool function's JSON result to Semantic Kernel as JSON text (what <c>FunctionResult.GetValue&lt;string&gt;()</c> and the
/// model read), the idiom of SK plugins; name, description and schema are the inner function's.
/// </summary>
internal sealed class Flux2JsonTextFunction(AIFunction inner) : DelegatingAIFunction(inner)
{
    /// <inheritdoc />
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        await base.InvokeCoreAsync(arguments, cancellationToken).ConfigureAwait(false) switch
        {
            JsonElement json => json.GetRawText(),
            var other => other,
        };
}
