using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace Flux2.Mcp;

/// <summary>What a finished generate_image job produced: the MCP result, the tool's own output (or error) object, and the images it made.</summary>
internal sealed record Flux2McpJobOutcome(CallToolResult Result, JsonElement Output, bool IsError, string Message, IReadOnlyList<string> ImageIds);
