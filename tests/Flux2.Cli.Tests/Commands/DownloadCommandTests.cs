using Flux2.Simulator;

namespace Flux2.Cli.Tests;

public sealed class DownloadCommandTests
{
    private static async Task<string> GenerateUrlAsync(SimulatorServer server, string dir)
    {
        var generated = await Cli.RunAsync(["generate", "a cat", "--format", "png", "--out", dir, "--json"], Cli.FalEnvironment(server));
        Assert.True(generated.ExitCode == 0, generated.ToString());
        return generated.Json.GetProperty("images")[0].GetProperty("url").GetString()!;
    }

    [Fact]
    public async Task Download_FromAConfiguredProviderHost_SavesTheImage()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var dir = new TempDirectory();
        string url = await GenerateUrlAsync(server, dir.Path);

        var result = await Cli.RunAsync(["download", url, "--out", dir.Combine("saved.png"), "--json"], Cli.FalEnvironment(server));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(dir.Combine("saved.png"), result.Json.GetProperty("path").GetString());
        Assert.Equal("image/png", result.Json.GetProperty("content_type").GetString());
        Assert.Equal(64, result.Json.GetProperty("sha256").GetString()!.Length);
        Assert.True(TestImages.IsPng(dir.Combine("saved.png")));
    }

    [Fact]
    public async Task Download_OverAnExistingFile_IsRefusedUnlessOverwrite()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var dir = new TempDirectory();
        string url = await GenerateUrlAsync(server, dir.Path);
        File.WriteAllText(dir.Combine("taken.png"), "keep me");

        var refused = await Cli.RunAsync(["download", url, "--out", dir.Combine("taken.png"), "--json"], Cli.FalEnvironment(server));
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("download_refused", refused.Json.GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal("keep me", File.ReadAllText(dir.Combine("taken.png")));

        var replaced = await Cli.RunAsync(["download", url, "--out", dir.Combine("taken.png"), "--overwrite"], Cli.FalEnvironment(server));
        Assert.True(replaced.ExitCode == 0, replaced.ToString());
        Assert.True(TestImages.IsPng(dir.Combine("taken.png")));
    }

    [Fact]
    public async Task Download_FromALoopbackHostThatIsNoProvider_IsRefusedWithExit2()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var dir = new TempDirectory();
        string url = await GenerateUrlAsync(server, dir.Path);

        // A key is set but no base URL points at loopback, so 127.0.0.1 is a private address like any other.
        var result = await Cli.RunAsync(["download", url, "--out", dir.Path, "--json"], new Dictionary<string, string?> { ["FAL_KEY"] = "test-key" });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("download_refused", result.Json.GetProperty("error").GetProperty("kind").GetString());
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Theory]
    [InlineData("ftp://example.com/a.png")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a url")]
    public async Task Download_OfANonHttpSource_IsRefusedWithExit2(string url)
    {
        using var dir = new TempDirectory();
        var result = await Cli.RunAsync(["download", url, "--out", dir.Path, "--json"], Cli.OfflineEnvironment());

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("argument", result.Json.GetProperty("error").GetProperty("category").GetString());
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void NameFromUrl_UsesTheLastSegmentSafely()
    {
        Assert.Equal("cat.png", DownloadCommand.NameFromUrl(new Uri("https://cdn.example.com/a/b/cat.png?sig=1")));
        Assert.Equal("image", DownloadCommand.NameFromUrl(new Uri("https://cdn.example.com/")));
        Assert.Equal("image", DownloadCommand.NameFromUrl(new Uri("data:image/png;base64,AAAA")));
    }
}
