using Flux2.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flux2.Cli;

/// <summary>Builds the configuration and the services of one command run.</summary>
internal static class CliHost
{
    /// <summary>
    /// Configuration from, in rising order: appsettings.json beside the executable (optional), the environment
    /// (<c>Flux2__Section__Key</c>, the providers' key variables, FLUX2_PROVIDER, FLUX2_MODEL, FLUX2_OUTPUT_DIR), then the command's own overrides.
    /// </summary>
    public static IConfigurationRoot BuildConfiguration(CliRuntime runtime, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = new ConfigurationBuilder();
        builder.AddJsonFile(runtime.SettingsFile ?? Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        builder.AddInMemoryCollection(FromEnvironment(runtime.GetEnvironment()));
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        return builder.Build();
    }

    /// <summary>Maps environment variables to configuration keys the way the .NET environment provider does, plus the project's aliases.</summary>
    public static Dictionary<string, string?> FromEnvironment(IReadOnlyDictionary<string, string?> environment)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in environment)
        {
            if (value is not null)
            {
                values[name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = value;
            }
        }

        void Alias(string variable, string key)
        {
            if (environment.TryGetValue(variable, out string? value) && !string.IsNullOrWhiteSpace(value) && !values.ContainsKey(key))
            {
                values[key] = value;
            }
        }

        Alias("FLUX2_PROVIDER", "Flux2:Provider");
        Alias("FLUX2_MODEL", "Flux2:Model");
        Alias("FLUX2_OUTPUT_DIR", "Flux2:OutputDirectory");
        foreach (var provider in Flux2Providers.All)
        {
            if (provider.ApiKeyVariable is { } variable)
            {
                Alias(variable, $"Flux2:Providers:{provider.Name}:ApiKey");
            }
        }

        return values;
    }

    /// <summary>The caller, the downloader, the offline simulator and stderr logging, as the command uses them.</summary>
    public static ServiceProvider BuildServices(CliRuntime runtime, IConfiguration configuration, bool verbose)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddConfiguration(configuration.GetSection("Logging"));
            logging.AddProvider(new StderrLoggerProvider(runtime.Status));
            logging.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning);
            if (!verbose)
            {
                // The HTTP stack's own request lines are noise for a person at a terminal.
                logging.AddFilter("System.Net.Http", LogLevel.Warning);
                logging.AddFilter("Microsoft", LogLevel.Warning);
                // Retries and their outcomes surface as typed errors; Polly's per-attempt telemetry is for --verbose.
                logging.AddFilter("Polly", LogLevel.None);
            }
        });
        services.AddFlux2Client(configuration);
        services.AddFlux2Redis(configuration); // Flux2:Store:Redis: provider limits shared with every other process using it
        services.AddFlux2OfflineSimulator();
        runtime.ConfigureServices?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
    }
}
