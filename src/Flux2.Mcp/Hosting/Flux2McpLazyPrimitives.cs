using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using ModelContextProtocol.Server;

namespace Flux2.Mcp;

/// <summary>
/// Like the SDK's <c>WithResources&lt;T&gt;</c>, but each resource is built on first use (<see cref="Flux2McpLazyResource"/>):
/// only the URI templates are read at start-up. (The tools are built lazily by <see cref="Flux2McpTools"/>.)
/// </summary>
internal static class Flux2McpLazyPrimitives
{
    private const BindingFlags Methods = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;

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
