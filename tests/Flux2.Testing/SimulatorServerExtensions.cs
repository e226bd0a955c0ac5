using System.Text.Json;
using Flux2.Simulator;

namespace Flux2.Testing;

/// <summary>Waits and look-ups on a running <see cref="SimulatorServer"/> that tests share.</summary>
public static class SimulatorServerExtensions
{
    /// <summary>
    /// Waits until the simulator counted at least <paramref name="atLeast"/> requests of <paramref name="dialect"/>/<paramref name="operation"/>
    /// (for something that must happen, such as a cancel reaching the provider); returns the count, or throws naming the counter.
    /// </summary>
    public static async Task<long> WaitForCountAsync(this SimulatorServer server, string dialect, string operation, long atLeast, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        await Eventually.WaitUntilAsync(
            () => server.Counters.Get(dialect, operation) >= atLeast,
            $"the simulator counted {atLeast} {dialect}/{operation} request(s) (it has {server.Counters.Get(dialect, operation)})",
            timeout);
        return server.Counters.Get(dialect, operation);
    }

    /// <summary>Waits until every job the simulator accepted has finished: completed, failed or cancelled.</summary>
    public static Task WaitForJobsToFinishAsync(this SimulatorServer server, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        return Eventually.WaitUntilAsync(
            () => server.Jobs.All(j => j.Status is SimulatorJobStatus.Completed or SimulatorJobStatus.Failed or SimulatorJobStatus.Cancelled),
            "every simulator job finished",
            timeout);
    }

    /// <summary>The JSON bodies of the recorded requests whose path starts with <paramref name="pathPrefix"/> and that have a body, oldest first.</summary>
    public static IReadOnlyList<JsonElement> BodiesUnder(this SimulatorServer server, string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(server);
        return [.. server.Requests.Under(pathPrefix).Where(r => r.Body.Length > 0).Select(r =>
        {
            using var document = JsonDocument.Parse(r.Body);
            return document.RootElement.Clone();
        })];
    }
}
