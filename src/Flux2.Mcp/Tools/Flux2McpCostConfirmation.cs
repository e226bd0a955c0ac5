using System.Globalization;
using System.Text.Json;
using Flux2.Agents;
using Flux2.Client;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Flux2.Mcp;

/// <summary>
/// Asks the user before a generation whose estimate exceeds <see cref="Flux2McpOptions.ConfirmAboveUsd"/>: through form elicitation
/// (on 2026-07-28 clients the SDK carries it as an input-required result and the client's retry), showing model, count, size and
/// estimate. Declined or cancelled: nothing is sent and the result says so plainly. A client that cannot be asked is refused.
/// </summary>
internal sealed class Flux2McpCostConfirmation(decimal threshold)
{
    /// <summary>The elicitation form's one field.</summary>
    internal const string ConfirmField = "confirm";

    private const string InputKey = "flux2-confirm-cost";

    /// <summary>Null when the call may go ahead; otherwise the result to return instead of generating.</summary>
    public async Task<CallToolResult?> CheckAsync(Flux2ToolFunction generate, AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        Flux2CostEstimate? estimate;
        try
        {
            estimate = await generate.EstimateAsync(arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (Flux2Exception)
        {
            // The call itself reports the same error, typed; nothing would be spent.
            return null;
        }

        if (estimate is null || estimate.Simulated || estimate.EstimatedUsd is { } usd && usd <= threshold)
        {
            return null;
        }

        string summary = Describe(estimate);
        if (arguments.Services?.GetService(typeof(McpServer)) is not McpServer server || server.ClientCapabilities?.Elicitation is null)
        {
            return Flux2McpResultRenderer.Render(new Flux2ToolError
            {
                Error = "confirmation_required",
                Category = "other",
                Message = $"{summary} is above Flux2:Mcp:ConfirmAboveUsd ({Usd(threshold)}) and this client cannot ask the user (no elicitation). "
                    + "Nothing was sent. Ask the operator to raise or unset Flux2:Mcp:ConfirmAboveUsd, or use a cheaper model, size or count.",
            });
        }

        var question = new ElicitRequestParams
        {
            Message = $"Generate {summary}? That is above your confirmation threshold of {Usd(threshold)}.",
            RequestedSchema = new ElicitRequestParams.RequestSchema
            {
                Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>
                {
                    [ConfirmField] = new ElicitRequestParams.BooleanSchema
                    {
                        Title = "Spend it",
                        Description = $"{estimate.Model}, {estimate.ImageCount} x {estimate.Width}x{estimate.Height}, {(estimate.EstimatedUsd is { } e ? "about " + Usd(e) : "price unknown")}",
                        Default = true,
                    },
                },
                Required = [ConfirmField],
            },
        };
        var answer = await AskAsync(server, arguments, question, cancellationToken).ConfigureAwait(false);

        bool confirmed = answer.IsAccepted
            && (answer.Content is null || !answer.Content.TryGetValue(ConfirmField, out var value) || value.ValueKind != System.Text.Json.JsonValueKind.False);
        if (confirmed)
        {
            return null;
        }

        string how = answer.Action == "cancel" ? "cancelled" : "declined";
        string note = $"Not generated: the user {how} {summary}. Nothing was sent to {estimate.Provider}; nothing was charged.";
        var output = new Flux2GenerateImageOutput
        {
            Images = [],
            Provider = estimate.Provider,
            Model = estimate.Model,
            Timings = new Flux2ToolTimings(),
            Cost = new Flux2ToolCost { EstimatedUsd = estimate.EstimatedUsd },
            Note = note,
        };
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = note }],
            StructuredContent = JsonSerializer.SerializeToElement(output, Flux2AgentsJsonContext.Default.Flux2GenerateImageOutput),
        };
    }

    // 2026-07-28 clients (multi round-trip requests): the question goes out as an input-required result, and the client's retry
    // of the same call carries the answer; this works whether or not the server keeps sessions. Older clients: a plain
    // elicitation/create request within the session.
    private static async Task<ElicitResult> AskAsync(McpServer server, AIFunctionArguments arguments, ElicitRequestParams question, CancellationToken cancellationToken)
    {
        if (!server.IsMrtrSupported)
        {
            return await server.ElicitAsync(question, cancellationToken).ConfigureAwait(false);
        }

        var request = arguments.Services?.GetService(typeof(RequestContext<CallToolRequestParams>)) as RequestContext<CallToolRequestParams>;
        if (request?.Params?.InputResponses is { } responses && responses.TryGetValue(InputKey, out var response))
        {
            return response.Deserialize(InputResponse.ElicitResultJsonTypeInfo) ?? new ElicitResult { Action = "cancel" };
        }

        throw new InputRequiredException(new Dictionary<string, InputRequest> { [InputKey] = InputRequest.ForElicitation(question) }, requestState: null);
    }

    private static string Describe(Flux2CostEstimate estimate) =>
        $"{estimate.ImageCount} image{(estimate.ImageCount == 1 ? "" : "s")} of {estimate.Width}x{estimate.Height} with {estimate.Model} on {estimate.Provider} "
        + (estimate.EstimatedUsd is { } usd ? $"(estimated {Usd(usd)})" : "(price unknown)");

    private static string Usd(decimal value) => "$" + value.ToString("0.00##", CultureInfo.InvariantCulture);
}
