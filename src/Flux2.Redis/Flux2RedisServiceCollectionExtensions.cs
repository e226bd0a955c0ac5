using System.Globalization;
using Flux2.Agents;
using Flux2.Client;
using Flux2.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Puts the state replicas must share on Redis when <c>Flux2:Store:Redis</c> is set.</summary>
public static class Flux2RedisServiceCollectionExtensions
{
    /// <summary>
    /// When <c>Flux2:Store:Redis</c> of <paramref name="configuration"/> (after <paramref name="configure"/>) names a Redis:
    /// the <see cref="IFlux2ImageStore"/> becomes Redis (images for <c>Flux2:Store:Ttl</c>, at most <c>Flux2:Store:MaxImageBytes</c>
    /// each), the <see cref="IFlux2ProviderLimiter"/> shares every provider's MaxConcurrency and 429 pauses across replicas, the
    /// <see cref="IFlux2BudgetLedger"/> makes <c>Flux2:MaxCostPerProcessUsd</c> one budget for every replica, the
    /// <see cref="IFlux2JobStore"/> keeps long tool jobs (MCP tasks and job handles) where every replica reads and cancels them, and a
    /// health check <see cref="Flux2RedisHealthCheck.Name"/> tagged <see cref="Flux2RedisHealthCheck.ReadyTag"/> says whether
    /// Redis answers. When it is not set, nothing is registered and nothing changes. Call it before or after <c>AddFlux2Tools</c>.
    /// </summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.InvalidArgument"/> naming a setting that is out of range.</exception>
    public static IServiceCollection AddFlux2Redis(this IServiceCollection services, IConfiguration configuration, Action<Flux2RedisOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new Flux2RedisOptions();
        configuration.GetSection(Flux2RedisOptions.SectionName).Bind(options);
        configure?.Invoke(options);
        if (string.IsNullOrWhiteSpace(options.Redis))
        {
            return services;
        }

        Validate(options);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.Replace(ServiceDescriptor.Singleton<IOptions<Flux2RedisOptions>>(Options.Options.Create(options)));
        services.TryAddSingleton<Flux2RedisConnection>();
        services.Replace(ServiceDescriptor.Singleton<IFlux2ImageStore>(sp => new Flux2RedisImageStore(sp.GetRequiredService<Flux2RedisConnection>())));
        services.Replace(ServiceDescriptor.Singleton<IFlux2ProviderLimiter>(sp => new Flux2RedisProviderLimiter(
            sp.GetRequiredService<Flux2RedisConnection>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<Flux2RedisProviderLimiter>>())));
        services.Replace(ServiceDescriptor.Singleton<IFlux2BudgetLedger>(sp => new Flux2RedisBudgetLedger(sp.GetRequiredService<Flux2RedisConnection>())));
        services.Replace(ServiceDescriptor.Singleton<IFlux2JobStore>(sp => new Flux2RedisJobStore(
            sp.GetRequiredService<Flux2RedisConnection>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<Flux2RedisJobStore>>())));
        services.AddHealthChecks().Add(new Diagnostics.HealthChecks.HealthCheckRegistration(
            Flux2RedisHealthCheck.Name,
            sp => new Flux2RedisHealthCheck(sp.GetRequiredService<Flux2RedisConnection>(), sp.GetService<TimeProvider>()),
            failureStatus: null,
            tags: [Flux2RedisHealthCheck.ReadyTag]));
        return services;
    }

    private static void Validate(Flux2RedisOptions options)
    {
        if (options.Ttl <= TimeSpan.Zero)
        {
            throw Invalid("Flux2:Store:Ttl", string.Create(CultureInfo.InvariantCulture, $"Flux2:Store:Ttl is {options.Ttl}; it must be positive, e.g. 1.00:00:00 (24 h) or 06:00:00."));
        }

        if (options.MaxImageBytes <= 0)
        {
            throw Invalid("Flux2:Store:MaxImageBytes", string.Create(CultureInfo.InvariantCulture, $"Flux2:Store:MaxImageBytes is {options.MaxImageBytes}; it must be a positive number of bytes (default 33554432, 32 MiB)."));
        }

        if (options.SlotLease < TimeSpan.FromSeconds(1))
        {
            throw Invalid("Flux2:Store:SlotLease", string.Create(CultureInfo.InvariantCulture, $"Flux2:Store:SlotLease is {options.SlotLease}; it must be at least 1 s (default 00:00:30)."));
        }

        if (string.IsNullOrWhiteSpace(options.KeyPrefix))
        {
            throw Invalid("Flux2:Store:KeyPrefix", "Flux2:Store:KeyPrefix is empty; use a prefix such as flux2: (the default).");
        }
    }

    private static Flux2Exception Invalid(string setting, string message) => new(Flux2ErrorKind.InvalidArgument, message) { Parameter = setting };
}
