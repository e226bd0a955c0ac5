using Flux2.Client;
using Flux2.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Agents.Tests.Images;

/// <summary>
/// download_image with Flux2:Tools:SaveDownloads off (the default of a server whose users are remote): no file is written; the
/// image is in the image store and the result names its flux2://images/{id}. Over real HTTP, the simulator as fal.
/// </summary>
public sealed class DownloadHandBackTests : IAsyncLifetime
{
    private readonly TempDirectory _root = new("agents");
    private SimulatorServer _server = null!;
    private ServiceProvider _services = null!;

    private Flux2ImageTools Tools => _services.GetRequiredService<Flux2ImageTools>();

    private string OutputDirectory => _root.Combine("out");

    public async Task InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync(new SimulatorOptions { Latency = TimeSpan.Zero });
        var settings = SimulatedFalSettings.For(_server, "test-key", OutputDirectory, _root.Combine("cache"), new Dictionary<string, string>
        {
            ["Flux2:Tools:SaveImages"] = "false",
            ["Flux2:Tools:SaveDownloads"] = "false",
        });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))).Build();
        _services = new ServiceCollection().AddFlux2Tools(configuration).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
        _root.Dispose();
    }

    [Fact]
    public async Task AStoredId_IsHandedBackAsItself_AndNoFileIsWritten()
    {
        var image = Assert.Single((await Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "a kite", Size = "256x192", Seed = 3 })).Images);

        var result = await Tools.DownloadImageAsync(new Flux2DownloadImageInput { Url = image.Uri!, Path = "kite.png" });

        Assert.Null(result.Path);
        Assert.Equal(image.Uri, result.Uri);
        Assert.Equal(image.Uri, result.Source);
        Assert.Equal(image.Bytes, result.Bytes);
        var stored = await Tools.Store.GetAsync(result.Uri!);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored!.Data.Span)), result.Sha256);
        Assert.Contains("Not saved as a file", result.Note, StringComparison.Ordinal);
        Assert.Contains("'kite.png' is not used here", result.Note, StringComparison.Ordinal);
        Assert.False(Directory.Exists(OutputDirectory) && Directory.EnumerateFileSystemEntries(OutputDirectory).Any(), "nothing is written to the output folder");
    }

    [Fact]
    public async Task AUrl_IsFetchedIntoTheStore_UnderANewId_AndNoFileIsWritten()
    {
        var image = Assert.Single((await Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "a boat", Size = "256x192", Seed = 4 })).Images);
        byte[] expected = (await Tools.Store.GetAsync(image.Uri!))!.Data.ToArray();

        var result = await Tools.DownloadImageAsync(new Flux2DownloadImageInput { Url = image.Url! });

        Assert.Null(result.Path);
        Assert.Equal(image.Url, result.Source);
        Assert.NotEqual(image.Uri, result.Uri);
        var fetched = await Tools.Store.GetAsync(result.Uri!);
        Assert.Equal(expected, fetched!.Data.ToArray());
        Assert.Equal((image.Width, image.Height, image.ContentType), (result.Width, result.Height, result.ContentType));
        Assert.False(Directory.Exists(OutputDirectory) && Directory.EnumerateFileSystemEntries(OutputDirectory).Any(), "nothing is written to the output folder");
    }

    [Fact]
    public async Task AUrl_StillPassesTheDownloadGuards()
    {
        var error = await Assert.ThrowsAsync<Flux2Exception>(() => Tools.DownloadImageAsync(new Flux2DownloadImageInput { Url = "http://169.254.169.254/latest/meta-data" }));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, error.Kind);
    }
}
