using System.Text.Json;

namespace Flux2.Cli.Tests;

/// <summary>What one run of the command produced.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stdout parsed as the one JSON document it must be.</summary>
    public JsonElement Json
    {
        get
        {
            try
            {
                using var document = JsonDocument.Parse(Stdout);
                return document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new InvalidOperationException($"stdout is not one JSON document: {ex.Message}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}", ex);
            }
        }
    }

    /// <summary>Stdout as JSON lines.</summary>
    public IReadOnlyList<JsonElement> JsonLines => [.. Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line => { using var d = JsonDocument.Parse(line); return d.RootElement.Clone(); })];

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
