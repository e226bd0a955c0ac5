using ModelContextProtocol.Server;

namespace Flux2.Mcp;

/// <summary>Registers the MCP Apps gallery resource when <see cref="Flux2McpOptions.Gallery"/> is on.</summary>
internal static class Flux2GalleryRegistration
{
    /// <summary>Adds <c>ui://flux2/gallery</c> to the server's resources, unless <c>Flux2:Mcp:Gallery</c> is false.</summary>
    public static IMcpServerBuilder WithGallery(this IMcpServerBuilder builder, Flux2McpOptions options)
    {
        if (options.Gallery)
        {
            builder.Services.AddSingleton<McpServerResource, Flux2GalleryResource>();
        }

        return builder;
    }
}
