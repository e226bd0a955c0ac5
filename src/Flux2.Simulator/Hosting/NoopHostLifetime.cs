namespace Flux2.Simulator.Hosting;

/// <summary>A host lifetime that ignores console signals, so an embedded simulator never takes over Ctrl+C from its host process.</summary>
internal sealed class NoopHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
