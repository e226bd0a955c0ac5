using Flux2.Client;
using Flux2.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Cli.Tests;

/// <summary>
/// Issue 17, item 4: a provider's result that cannot be used (an HTML page, an image over Download:MaxBytes) after a paid job
/// finished is the provider's error (exit 3, bad_result) naming what came back, not "bad arguments"; a download the user asked
/// for that a guard refuses stays an argument error (exit 2).
/// </summary>
public sealed class ResultRefusalTests
{
    [Fact]
    public async Task Generate_WhoseResultUrlAnswersAnHtmlPage_Exits3WithBadResultNamingTheTypeAndTheFirstBytes()
    {
        await using var host = await ErrorPageServer.StartAsync();
        using var dir = new TempDirectory();
        var fake = new FakeClient
        {
            GenerateCallback = (_, _, _) => Task.FromResult(new Flux2ImageResult
            {
                Images = [new Flux2Image { Url = new Uri(host.BaseUri, "results/fox.png?se=2030-01-01T00%3A00%3A00Z&sig=S3CR3T"), ContentType = "image/png" }],
                Provider = "bfl",
                Model = Flux2Models.Pro,
            }),
        };
        var environment = Cli.OfflineEnvironment();
        environment["Flux2__Download__AllowedPrivateHosts__0"] = "127.0.0.1";

        var result = await Cli.RunAsync(["generate", "a fox", "--out", dir.Path, "--json"], environment, s => s.AddSingleton<IFlux2Client>(fake));

        Assert.True(result.ExitCode == 3, result.ToString());
        var error = result.Json.GetProperty("error");
        Assert.Equal("bad_result", error.GetProperty("kind").GetString());
        Assert.Equal("provider", error.GetProperty("category").GetString());
        Assert.Equal("bfl", error.GetProperty("provider").GetString());
        string message = error.GetProperty("message").GetString()!;
        Assert.Contains("text/html", message, StringComparison.Ordinal);
        Assert.Contains($"{ErrorPageServer.Page.Length} bytes", message, StringComparison.Ordinal);
        Assert.Contains("'<!DOCTYPE html>", message, StringComparison.Ordinal);
        Assert.Contains("error (bad_result) [bfl]", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("S3CR3T", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Generate_WhoseImageIsOverTheDownloadCap_Exits3WithBadResultNamingTheSizeAndTheSetting_AndOneSubmit()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var dir = new TempDirectory();
        var environment = Cli.FalEnvironment(server);
        environment["Flux2__Download__MaxBytes"] = "1024";

        var result = await Cli.RunAsync(["generate", "a cat", "--size", "512x512", "--format", "png", "--out", dir.Path, "--json"], environment);

        Assert.True(result.ExitCode == 3, result.ToString());
        var error = result.Json.GetProperty("error");
        Assert.Equal("bad_result", error.GetProperty("kind").GetString());
        Assert.Equal("provider", error.GetProperty("category").GetString());
        Assert.Equal("fal", error.GetProperty("provider").GetString());
        string message = error.GetProperty("message").GetString()!;
        Assert.Contains("1024 bytes", message, StringComparison.Ordinal);
        Assert.Contains("Flux2:Download:MaxBytes", message, StringComparison.Ordinal);
        Assert.Equal(1, server.Counters.Get("fal-queue", "submit"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path, "*", SearchOption.AllDirectories));
        Assert.DoesNotContain("test-key", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_WhoseResultUrlHasExpired_Exits3WithResultExpired()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.Faults.Add("files", null, SimulatorFaultKind.ExpiredResultUrl, times: 10);
        using var dir = new TempDirectory();

        var result = await Cli.RunAsync(["generate", "a cat", "--out", dir.Path, "--json"], Cli.FalEnvironment(server));

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Equal("result_expired", result.Json.GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal("provider", result.Json.GetProperty("error").GetProperty("category").GetString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Download_OfAUrlTheUserGave_ThatAnswersAnHtmlPage_StaysAnArgumentError()
    {
        await using var host = await ErrorPageServer.StartAsync();
        using var dir = new TempDirectory();
        var environment = Cli.OfflineEnvironment();
        environment["Flux2__Download__AllowedPrivateHosts__0"] = "127.0.0.1";

        var result = await Cli.RunAsync(["download", new Uri(host.BaseUri, "cat.png").ToString(), "--out", dir.Path, "--json"], environment);

        Assert.Equal(2, result.ExitCode);
        var error = result.Json.GetProperty("error");
        Assert.Equal("download_refused", error.GetProperty("kind").GetString());
        Assert.Equal("argument", error.GetProperty("category").GetString());
        Assert.Contains("text/html", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path, "*", SearchOption.AllDirectories));
    }
}
