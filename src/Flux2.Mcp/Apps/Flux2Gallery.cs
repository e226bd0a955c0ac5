using System.Text.Json.Nodes;

namespace Flux2.Mcp;

/// <summary>
/// The MCP Apps gallery (extension <c>io.modelcontextprotocol/ui</c>): the <c>ui://flux2/gallery</c> view that hosts with MCP
/// Apps show for generate_image results, and the tool <c>_meta</c> that points to it. Hosts without MCP Apps ignore both.
/// </summary>
internal static class Flux2Gallery
{
    /// <summary>The view's resource URI.</summary>
    public const string Uri = "ui://flux2/gallery";

    /// <summary>The MCP Apps HTML profile.</summary>
    public const string MimeType = "text/html;profile=mcp-app";

    /// <summary>The built view embedded in this assembly (source and build: Apps/gallery).</summary>
    public const string EmbeddedName = "Flux2.Mcp.Apps.Flux2Gallery.html";

    /// <summary>
    /// The generate_image tool's <c>_meta</c> when the gallery is on (<c>{"ui":{"resourceUri":"ui://flux2/gallery"}}</c>), else null.
    /// A new object on each call: the SDK owns the one it is given.
    /// </summary>
    public static JsonObject? ToolMeta(Flux2McpOptions options) =>
        options.Gallery ? new JsonObject { ["ui"] = new JsonObject { ["resourceUri"] = Uri } } : null;

    /// <summary>
    /// The view's <c>_meta.ui</c>: no outside origins at all (empty CSP domain lists: the host's restrictive default),
    /// clipboard write access for its Copy buttons (prompt, revised prompt, seed), and a host-drawn border around the view.
    /// </summary>
    public static JsonObject ResourceMeta() => new()
    {
        ["ui"] = new JsonObject
        {
            ["csp"] = new JsonObject
            {
                ["connectDomains"] = new JsonArray(),
                ["resourceDomains"] = new JsonArray(),
                ["frameDomains"] = new JsonArray(),
                ["baseUriDomains"] = new JsonArray(),
            },
            ["permissions"] = new JsonObject { ["clipboardWrite"] = new JsonObject() },
            ["prefersBorder"] = true,
        },
    };
}
