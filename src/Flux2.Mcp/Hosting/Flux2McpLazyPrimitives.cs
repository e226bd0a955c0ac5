using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using Flux2.Agents;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace Flux2.Mcp;

/// <summary>
/// Like the SDK's <c>WithTools&lt;T&gt;</c> and <c>WithResources&lt;T&gt;</c>, but each tool and resource is built on first use
/// (<see cref="Flux2McpLazyTool"/>, <see cref="Flux2McpLazyResource"/>): only the names are read at start-up.
/// </summary>
internal static class Flux2McpLazyPrimitives
{
    private const BindingFlags Methods = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;

    /// <summary>Adds a lazily built tool for every <see cref="McpServerToolAttribute"/> method of <typeparamref name="T"/>.</summary>
    public static IMcpServerBuilder WithLazyTools<[DynamicallyAccessedMembers(
        DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods | DynamicallyAccessedMemberTypes.PublicConstructors)] T>(
        this IMcpServerBuilder builder, JsonSerializerOptions serializerOptions)
        where T : class
    {
        foreach (MethodInfo method in typeof(T).GetMethods(Methods))
        {
            if (method.GetCustomAttribute<McpServerToolAttribute>() is { } attribute)
            {
                string name = attribute.Name ?? throw new InvalidOperationException($"{typeof(T).Name}.{method.Name} needs an explicit tool name.");
                builder.Services.AddSingleton<McpServerTool>(services => new Flux2McpLazyTool(name, () => McpServerTool.Create(
                    method,
                    static request => ActivatorUtilities.CreateInstance<T>(request.Services!),
                    new McpServerToolCreateOptions
                    {
                        Services = services,
                        SerializerOptions = serializerOptions,
                        Meta = name == Flux2ToolNames.GenerateImage ? Flux2Gallery.ToolMeta(services.GetRequiredService<IOptions<Flux2McpOptions>>().Value) : null,
                    })));
            }
        }

        return builder;
    }

    /// <summary>Adds a lazily built resource for every <see cref="McpServerResourceAttribute"/> method of <typeparamref name="T"/>.</summary>
    public static IMcpServerBuilder WithLazyResources<[DynamicallyAccessedMembers(
        DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods | DynamicallyAccessedMemberTypes.PublicConstructors)] T>(
        this IMcpServerBuilder builder)
        where T : class
    {
        foreach (MethodInfo method in typeof(T).GetMethods(Methods))
        {
            if (method.GetCustomAttribute<McpServerResourceAttribute>() is { } attribute)
            {
                string template = attribute.UriTemplate ?? throw new InvalidOperationException($"{typeof(T).Name}.{method.Name} needs an explicit URI template.");
                builder.Services.AddSingleton<McpServerResource>(services => new Flux2McpLazyResource(template, () => McpServerResource.Create(
                    method,
                    static request => ActivatorUtilities.CreateInstance<T>(request.Services!),
                    new McpServerResourceCreateOptions { Services = services })));
            }
        }

        return builder;
    }
}
