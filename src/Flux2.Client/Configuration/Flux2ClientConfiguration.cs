using Microsoft.Extensions.Configuration;

namespace Flux2.Client;

/// <summary>Fills <see cref="Flux2ClientOptions"/> from the environment variables and the <c>Flux2</c> configuration section.</summary>
internal static class Flux2ClientConfiguration
{
    /// <summary>Applies FLUX2_PROVIDER / FLUX2_OUTPUT_DIR, then the section (which wins where both are set).</summary>
    public static void Apply(Flux2ClientOptions options, IConfiguration? configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? provider = Environment.GetEnvironmentVariable("FLUX2_PROVIDER");
        if (!string.IsNullOrWhiteSpace(provider))
        {
            options.Provider = provider.Trim();
        }

        string? outputDirectory = Environment.GetEnvironmentVariable("FLUX2_OUTPUT_DIR");
        if (!string.IsNullOrWhiteSpace(outputDirectory))
        {
            options.OutputDirectory = outputDirectory;
        }

        if (configuration is null)
        {
            return;
        }

        IConfigurationSection section = configuration.GetSection(Flux2ClientOptions.SectionName);
        if (!section.Exists())
        {
            return;
        }

        // A plain "fal,bfl" (handy as an environment variable) as well as the indexed list form.
        string? failover = section[nameof(Flux2ClientOptions.Failover)];
        section.Bind(options);
        if (!string.IsNullOrWhiteSpace(failover))
        {
            options.Failover.Clear();
            foreach (string name in failover.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                options.Failover.Add(name);
            }
        }
    }
}
