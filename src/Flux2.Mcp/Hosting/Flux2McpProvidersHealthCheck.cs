using Flux2.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Flux2.Mcp;

/// <summary>
/// Readiness: a provider can serve requests. Healthy when the chosen provider (<c>Flux2:Provider</c>, else any) has a key, or when the
/// built-in simulator answers on purpose (<c>Flux2:Mcp:AllowSimulator</c>); unhealthy otherwise, so a load balancer routes no traffic
/// to a replica whose key secret is missing.
/// </summary>
internal sealed class Flux2McpProvidersHealthCheck(
    IOptionsMonitor<Flux2ClientOptions> client, IOptions<Flux2McpOptions> mcp, IConfiguration configuration) : IHealthCheck
{
    /// <summary>The check's name in /readyz.</summary>
    public const string Name = "providers";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Flux2ClientOptions options = client.CurrentValue;
        string? chosen = string.IsNullOrWhiteSpace(options.Provider) ? null : options.Provider.Trim();
        bool keyed = chosen is null ? Flux2ProviderKeys.AnyConfigured(options, configuration) : Flux2ProviderKeys.IsConfigured(chosen, options, configuration);
        if (keyed)
        {
            return Task.FromResult(HealthCheckResult.Healthy(chosen is null ? "a provider key is configured" : $"{chosen} has a key"));
        }

        if (mcp.Value.AllowSimulator && !Flux2ProviderKeys.AnyConfigured(options, configuration))
        {
            return Task.FromResult(HealthCheckResult.Healthy("no provider key: the built-in simulator answers (Flux2:Mcp:AllowSimulator=true)"));
        }

        return Task.FromResult(HealthCheckResult.Unhealthy(chosen is null
            ? "no provider key is configured (requests would be served by the offline simulator); set a key, or Flux2:Mcp:AllowSimulator=true to serve the simulator on purpose"
            : $"Flux2:Provider is {chosen} but it has no key"));
    }
}
