using System.Globalization;
using System.Text.Json.Nodes;

namespace Flux2.Client;

/// <summary>Writes guidance and steps into a request body where the capability row takes them, clamped, with a warning for each change.</summary>
internal static class Flux2RequestTuning
{
    /// <summary>Adds guidance and steps where the row takes them; warns when they must be dropped.</summary>
    public static void Add(Flux2ProviderRequest request, Flux2ModelCapabilities row, JsonObject body, List<string> warnings, string guidanceName, string stepsName)
    {
        if (request.GuidanceScale is { } guidance)
        {
            if (row.Guidance is null)
            {
                warnings.Add($"{row.Provider} {row.Model} takes no guidance scale: {guidance.ToString(CultureInfo.InvariantCulture)} was not sent.");
            }
            else
            {
                double sent = row.Guidance.Clamp(guidance);
                if (sent != guidance)
                {
                    warnings.Add($"{row.Provider} {row.Model} takes guidance {row.Guidance.Min.ToString(CultureInfo.InvariantCulture)}..{row.Guidance.Max.ToString(CultureInfo.InvariantCulture)}: {guidance.ToString(CultureInfo.InvariantCulture)} was sent as {sent.ToString(CultureInfo.InvariantCulture)}.");
                }

                body[guidanceName] = sent;
            }
        }

        if (request.Steps is { } steps)
        {
            if (row.Steps is null)
            {
                warnings.Add($"{row.Provider} {row.Model} takes no step count: {steps} was not sent.");
            }
            else
            {
                int sent = (int)row.Steps.Clamp(steps);
                if (sent != steps)
                {
                    warnings.Add($"{row.Provider} {row.Model} takes {row.Steps.Min}..{row.Steps.Max} steps: {steps} was sent as {sent}.");
                }

                body[stepsName] = sent;
            }
        }
    }
}
