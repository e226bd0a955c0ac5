namespace Flux2.Mcp;

/// <summary>What a successful tool result carries, for clients that read only one of content and structuredContent.</summary>
public enum Flux2McpResultShape
{
    /// <summary>Text, previews and resource links in content, and structured content (default; VS Code, MCP Inspector, SDK clients).</summary>
    Both,

    /// <summary>Only content: text (which names every id, path and URL), previews and resource links; no structured content or output schema use (for clients that show structuredContent instead of content).</summary>
    Content,

    /// <summary>Structured content plus its JSON as the only text block (for clients and pipelines that parse results).</summary>
    Structured,
}
