namespace Flux2.Agents;

/// <summary>How <see cref="Flux2ImageTools.AsAIFunctions"/> presents the tools.</summary>
public sealed class Flux2ToolFunctionOptions
{
    /// <summary>
    /// Wraps <c>download_image</c> in an <see cref="Microsoft.Extensions.AI.ApprovalRequiredAIFunction"/>, for hosts that ask a
    /// person before a tool writes files (Agent Framework and <c>FunctionInvokingChatClient</c> then return an approval request
    /// instead of calling it). Default false.
    /// </summary>
    public bool RequireApprovalForDownload { get; set; }
}
