namespace Flux2.Client.Tests.Downloads;

/// <summary>One <see cref="DownloadTestServer"/> shared by a test class.</summary>
public sealed class DownloadServerFixture : IAsyncLifetime
{
    internal DownloadTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await DownloadTestServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
