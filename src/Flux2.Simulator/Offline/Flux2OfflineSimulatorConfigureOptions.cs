using System.Globalization;
using Microsoft.Extensions.Options;

namespace Flux2.Simulator;

/// <summary>Reads <see cref="Flux2OfflineSimulatorOptions"/> from the <c>Flux2:Simulator</c> section of the registered configuration, if any.</summary>
internal sealed class Flux2OfflineSimulatorConfigureOptions(IServiceProvider services) : IConfigureOptions<Flux2OfflineSimulatorOptions>
{
    public void Configure(Flux2OfflineSimulatorOptions options)
    {
        if (services.GetService(typeof(IConfiguration)) is not IConfiguration configuration)
        {
            return;
        }

        var section = configuration.GetSection(Flux2OfflineSimulatorOptions.SectionName);
        if (int.TryParse(section["LatencyMs"], NumberStyles.Integer, CultureInfo.InvariantCulture, out int latency) && latency >= 0)
        {
            options.LatencyMs = latency;
        }

        if (!string.IsNullOrWhiteSpace(section["Urls"]))
        {
            options.Urls = section["Urls"]!;
        }
    }
}
