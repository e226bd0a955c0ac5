using System.Text.Json;
using Flux2.Agents;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Extensions.Tasks;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Flux2.Mcp;

/// <summary>
/// Wires long jobs into the server: the job store (in process unless Flux2.Redis put one), the caller's identity on every request,
/// image ownership checks before a tool runs, and the MCP Tasks extension for generate_image.
/// </summary>
internal static class Flux2McpJobsRegistration
{
    /// <summary>Adds long jobs, and Tasks unless <see cref="Flux2McpOptions.Tasks"/> is false.</summary>
    public static IMcpServerBuilder WithFlux2Jobs(this IMcpServerBuilder builder, Flux2McpOptions options)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFlux2JobStore>(sp => new Flux2McpMemoryJobStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<Flux2McpJobRunner>();
        // Made here, not by the container: the message filter below is built before the container exists (it reads an AsyncLocal).
        var httpContexts = new HttpContextAccessor();
        services.TryAddSingleton<Flux2McpImageAccess>();

        builder.WithMessageFilters(filters => filters.AddIncomingFilter(next => async (context, cancellationToken) =>
        {
            var http = httpContexts.HttpContext;
            if (context.JsonRpcMessage is JsonRpcRequest)
            {
                Flux2McpCaller.Set(Flux2McpCaller.Resolve(context.User ?? http?.User, http?.Request.Headers.Authorization));
            }

            await next(context, cancellationToken).ConfigureAwait(false);
        }));

        var tasks = new Flux2McpTaskStore(options.TaskPollIntervalMs);

        // Registered before WithTasks: this filter runs before a task is created (a refused image never becomes a task).
        services.AddSingleton<IConfigureOptions<McpServerOptions>>(sp => new ConfigureOptions<McpServerOptions>(server =>
        {
            tasks.Attach(sp.GetRequiredService<IFlux2JobStore>(), sp.GetRequiredService<TimeProvider>());
            var access = sp.GetRequiredService<Flux2McpImageAccess>();
#pragma warning disable MCPEXP002 // The alternate-result filters are the SDK's seam for Tasks; this one must run before task creation.
            server.Filters.Request.CallToolWithAlternateFilters.Add(async (request, next, cancellationToken) =>
            {
                if (await access.CheckAsync(request.Params, cancellationToken).ConfigureAwait(false) is { } refused)
                {
                    return refused;
                }

                if (request.Params?.Name == Flux2ToolNames.GenerateImage)
                {
                    Flux2McpCallScope.Begin(Flux2McpCaller.Current, NumImages(request.Params.Arguments));
                }

                return await next(request, cancellationToken).ConfigureAwait(false);
            });
#pragma warning restore MCPEXP002
        }));

        if (options.Tasks)
        {
            builder.WithTasks(tasks, o => o.ExecutionModeSelector = request =>
                request.Params?.Name == Flux2ToolNames.GenerateImage && options.ConfirmAboveUsd is null
                    ? McpTaskExecutionMode.Optional

                    // A cost question cannot be asked inside a task yet (the extension does not compose the two): such calls wait, or get a handle.
                    : McpTaskExecutionMode.Synchronous);
        }

        return builder;
    }

    /// <summary>The num_images argument of a generate_image call (1 when absent or not a number).</summary>
    public static int NumImages(IDictionary<string, JsonElement>? arguments) =>
        arguments is not null && arguments.TryGetValue("num_images", out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int count) && count > 0
            ? count
            : 1;
}
