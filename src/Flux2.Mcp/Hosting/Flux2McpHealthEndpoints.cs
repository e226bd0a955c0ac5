using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Flux2.Mcp;

/// <summary>
/// <c>/healthz</c> (liveness: the process answers, no check runs) and <c>/readyz</c> (readiness: every health check tagged
/// <see cref="ReadyTag"/>, e.g. providers configured, Redis reachable; 503 when one fails). Neither needs a token.
/// </summary>
public static class Flux2McpHealthEndpoints
{
    /// <summary>The liveness path.</summary>
    public const string LivenessPath = "/healthz";

    /// <summary>The readiness path.</summary>
    public const string ReadinessPath = "/readyz";

    /// <summary>The tag of the health checks /readyz runs; register a check with it to take part.</summary>
    public const string ReadyTag = "ready";

    /// <summary>True for the health paths (answered without the token and the Host check: probes come from load balancers).</summary>
    internal static bool IsHealthPath(PathString path) =>
        path.Equals(LivenessPath, StringComparison.OrdinalIgnoreCase) || path.Equals(ReadinessPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>Registers the built-in readiness check (providers configured).</summary>
    internal static void AddChecks(IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<Flux2McpProvidersHealthCheck>(Flux2McpProvidersHealthCheck.Name, tags: [ReadyTag]);

    /// <summary>Maps both endpoints.</summary>
    internal static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks(ReadinessPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
    }

    /// <summary>
    /// Writes <c>{"status":"Healthy","checks":{"providers":"Healthy",...}}</c>: names and statuses only, since the endpoints are
    /// anonymous; why a check failed is logged (DefaultHealthCheckService logs each failure with its description).
    /// </summary>
    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var json = new Utf8JsonWriter(context.Response.Body);
        await using (json.ConfigureAwait(false))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString());
            json.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteString(name, entry.Status.ToString());
            }

            json.WriteEndObject();
            json.WriteEndObject();
            await json.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
    }
}
