using System.CommandLine;
using System.Globalization;
using System.Text;
using Flux2.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Cli;

/// <summary><c>flux2 models [--json]</c>: the capability matrix.</summary>
internal static class ModelsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliRuntime runtime, Option<bool> verbose)
    {
        var provider = new Option<string?>("--provider", "-p") { Description = "Show only this provider's rows.", HelpName = "name" };
        var json = CliOptions.Json("every capability row");
        var command = new Command("models", "Show which provider serves which model (FLUX.2 and FLUX 3), with which limits (images, references, steps, guidance, sizes or tiers, formats, price, LoRAs, layout).")
        {
            provider, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            bool asJson = parse.GetValue(json);
            var services = CliHost.BuildServices(runtime, CliHost.BuildConfiguration(runtime), parse.GetValue(verbose));
            await using (services.ConfigureAwait(false))
            {
                try
                {
                    string? only = parse.GetValue(provider);
                    var rows = services.GetRequiredService<IFlux2Client>().Capabilities
                        .Where(r => only is null || string.Equals(r.Provider, only, StringComparison.OrdinalIgnoreCase))
                        .ToList();
                    if (asJson)
                    {
                        CliJson.WriteDocument(runtime.Out, new ModelsOutput { Models = [.. rows.Select(ModelOutput.From)] }, CliJsonContext.Default.ModelsOutput);
                    }
                    else
                    {
                        runtime.Out.Write(Table(rows));
                    }

                    return CliExitCodes.Success;
                }
#pragma warning disable CA1031 // The command's boundary: every failure becomes a typed error and an exit code.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    return CliErrors.Report(runtime, asJson, ex, cancellationToken);
                }
            }
        });
        return command;
    }

    /// <summary>The matrix as an aligned text table.</summary>
    public static string Table(IReadOnlyList<Flux2ModelCapabilities> rows)
    {
        string[] header = ["PROVIDER", "MODEL", "IMAGES", "REFS", "STEPS", "GUIDANCE", "SIZE", "FORMATS", "PRICE $", "LORAS", "LAYOUT", "PROVIDER ID"];
        var cells = new List<string[]> { header };
        foreach (var r in rows)
        {
            cells.Add(
            [
                r.Provider,
                r.Model,
                string.Create(CultureInfo.InvariantCulture, $"{r.MaxImages} ({r.MaxImagesPerRequest}/call)"),
                r.MaxReferenceImages.ToString(CultureInfo.InvariantCulture),
                Range(r.Steps),
                Range(r.Guidance),
                r.Resolutions.Count > 0
                    ? $"tiers {string.Join(",", r.Resolutions)}"
                    : string.Create(CultureInfo.InvariantCulture, $"{r.MinSide}-{r.MaxSide}px /{r.SizeMultiple}"),
                r.OutputFormats.Count > 0 ? string.Join(",", r.OutputFormats) : "its own",
                Price(r),
                Loras(r.Loras),
                r.Layout switch { Flux2LayoutEncoding.InPrompt => "in prompt", Flux2LayoutEncoding.BoundingBoxes => "boxes", _ => "-" },
                r.ProviderModelId,
            ]);
        }

        int[] widths = [.. Enumerable.Range(0, header.Length).Select(i => cells.Max(c => c[i].Length))];
        var text = new StringBuilder();
        foreach (var row in cells)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }

        if (rows.Count == 0)
        {
            text.AppendLine("(no rows: no provider is registered)");
        }

        return text.ToString();
    }

    /// <summary>"0.030/MP", "1k 0.048, 2k 0.100" (per image by tier) or "unknown".</summary>
    private static string Price(Flux2ModelCapabilities row) =>
        row.TierPrices is { Count: > 0 } tiers
            ? string.Join(", ", row.Resolutions.Where(tiers.ContainsKey).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t} {tiers[t]:0.000}")))
            : row.Pricing is { } p ? string.Create(CultureInfo.InvariantCulture, $"{p.FirstMegapixelUsd:0.000}/MP") : "unknown";

    /// <summary>"up to 3", "1 finetune" or "-".</summary>
    private static string Loras(Flux2LoraSupport? loras) => loras switch
    {
        null => "-",
        { Finetune: true } => "1 finetune",
        _ => string.Create(CultureInfo.InvariantCulture, $"up to {loras.MaxLoras}"),
    };

    private static string Range(Flux2Range? range) => range is null
        ? "-"
        : string.Create(CultureInfo.InvariantCulture, $"{range.Min:0.##}-{range.Max:0.##} ({range.Default:0.##})");
}
