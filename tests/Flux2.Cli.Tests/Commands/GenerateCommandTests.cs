using System.Text.Json;
using Flux2.Client;
using Flux2.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Cli.Tests;

public sealed class GenerateCommandTests
{
    [Fact]
    public async Task Generate_WithNoKey_UsesTheBuiltInSimulatorAndSaysSo()
    {
        using var dir = new TempDirectory();
        var result = await Cli.RunAsync(["generate", "a red fox in snow", "--seed", "7", "--format", "png", "--out", dir.Path + "/", "--json"], Cli.OfflineEnvironment());

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json;
        Assert.True(json.GetProperty("simulated").GetBoolean());
        Assert.Contains("FAL_KEY", json.GetProperty("note").GetString());
        var image = Assert.Single(json.GetProperty("images").EnumerateArray());
        string path = image.GetProperty("path").GetString()!;
        Assert.StartsWith(dir.Path, path);
        Assert.Contains("a-red-fox-in-snow", Path.GetFileName(path));
        Assert.True(TestImages.IsPng(path));
        Assert.Matches(@"No provider key found: using the built-in simulator at http://127\.0\.0\.1:\d+", result.Stderr);
    }

    [Fact]
    public async Task Generate_WithoutJson_PrintsOnlySavedPathsOnStdout()
    {
        using var dir = new TempDirectory();
        var result = await Cli.RunAsync(["generate", "two lighthouses", "--model", "flux-2-dev", "--num-images", "2", "--out", dir.Combine("light.png")], Cli.OfflineEnvironment());

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal([dir.Combine("light-1.png"), dir.Combine("light-2.png")], lines);
        Assert.All(lines, line => Assert.True(File.Exists(line)));
        Assert.Contains("Simulated 2 images", result.Stderr);
        Assert.Contains("note: Simulated image: set FAL_KEY", result.Stderr);
    }

    [Fact]
    public async Task Generate_AgainstASimulatorWithAKey_IsNotSimulated()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var dir = new TempDirectory();
        var result = await Cli.RunAsync(["generate", "a cat", "--seed", "3", "--out", dir.Path, "--json"], Cli.FalEnvironment(server));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(result.Json.GetProperty("simulated").GetBoolean());
        Assert.Equal("fal", result.Json.GetProperty("provider").GetString());
        Assert.Equal(3, result.Json.GetProperty("seed").GetInt64());
        Assert.DoesNotContain("built-in simulator", result.Stderr);
        Assert.True(File.Exists(result.Json.GetProperty("images")[0].GetProperty("path").GetString()));
    }

    [Theory]
    [InlineData(SimulatorFaultKind.Unauthorized, 3, "authentication", "provider")]
    [InlineData(SimulatorFaultKind.ContentPolicy, 4, "content_filtered", "content")]
    [InlineData(SimulatorFaultKind.DropConnection, 5, "network", "network")]
    public async Task Generate_WhenTheProviderFails_ExitsWithTheCategoryCodeAndATypedError(SimulatorFaultKind fault, int exitCode, string kind, string category)
    {
        await using var server = await SimulatorServer.StartAsync();
        server.Faults.Add("*", null, fault, times: 50);
        using var dir = new TempDirectory();
        var result = await Cli.RunAsync(["generate", "a cat", "--out", dir.Path, "--json"], Cli.FalEnvironment(server));

        Assert.True(result.ExitCode == exitCode, result.ToString());
        var error = result.Json.GetProperty("error");
        Assert.Equal(kind, error.GetProperty("kind").GetString());
        Assert.Equal(category, error.GetProperty("category").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        foreach (string field in (string[])["provider", "status_code", "retry_after_seconds", "parameter"])
        {
            Assert.True(error.TryGetProperty(field, out _), $"error object lacks {field}");
        }

        Assert.DoesNotContain("test-key", result.Stdout + result.Stderr);
        Assert.Contains($"error ({kind})", result.Stderr);
    }

    [Fact]
    public async Task Generate_WhenTheProviderAnswers401_ReportsTheStatusCode()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.Faults.Add("*", null, SimulatorFaultKind.Unauthorized, times: 10);
        var result = await Cli.RunAsync(["generate", "a cat", "--json"], Cli.FalEnvironment(server));

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(401, result.Json.GetProperty("error").GetProperty("status_code").GetInt32());
        Assert.Equal("fal", result.Json.GetProperty("error").GetProperty("provider").GetString());
    }

    [Fact]
    public async Task Generate_WhenTheProviderHangs_TimesOutWithExit5()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.Faults.Add("*", null, SimulatorFaultKind.Hang, times: 50);
        var environment = Cli.FalEnvironment(server);
        environment["Flux2__Providers__Fal__AttemptTimeout"] = "00:00:00.500";
        environment["Flux2__Providers__Fal__TotalTimeout"] = "00:00:02";
        environment["Flux2__Providers__Fal__MaxRetries"] = "0";
        var result = await Cli.RunAsync(["generate", "a cat", "--json"], environment);

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Equal("network", result.Json.GetProperty("error").GetProperty("category").GetString());
    }

    [Theory]
    [InlineData("--num-images", "9")]
    [InlineData("--size", "huge")]
    [InlineData("--model", "flux-3")]
    [InlineData("--format", "bmp")]
    [InlineData("--safety-tolerance", "7")]
    [InlineData("--seed", "abc")]
    [InlineData("--no-such-option", "1")]
    public async Task Generate_WithABadArgument_ExitsWith2AndATypedJsonError(string option, string value)
    {
        var fake = new FakeClient();
        var result = await Cli.RunAsync(["generate", "a cat", option, value, "--json"], Cli.OfflineEnvironment(), s => s.AddSingleton<IFlux2Client>(fake));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("invalid_argument", result.Json.GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal("argument", result.Json.GetProperty("error").GetProperty("category").GetString());
        Assert.Empty(fake.Requests);
        Assert.Contains("--help", result.Stderr);
    }

    [Fact]
    public async Task Generate_WithNoPrompt_ExitsWith2()
    {
        var result = await Cli.RunAsync(["generate"], Cli.OfflineEnvironment());

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Generate_WithAMissingReferenceFile_ExitsWith2NamingTheFile()
    {
        var fake = new FakeClient();
        var result = await Cli.RunAsync(["generate", "edit it", "--reference", "/no/such/photo.png", "--json"], Cli.OfflineEnvironment(), s => s.AddSingleton<IFlux2Client>(fake));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/no/such/photo.png", result.Json.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("reference", result.Json.GetProperty("error").GetProperty("parameter").GetString());
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Generate_WithLocalReferenceFiles_SendsThemAsDataUrisAndUrlsAsTheyAre()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.Combine("ref.png"), TestImages.Png);
        var fake = new FakeClient();
        var result = await Cli.RunAsync(
            ["generate", "edit it", "--reference", "ref.png", "--reference", "https://example.com/a.jpg", "--out", dir.Path],
            Cli.OfflineEnvironment(), s => s.AddSingleton<IFlux2Client>(fake), currentDirectory: dir.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        var request = Assert.Single(fake.Requests);
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(TestImages.Png), request.ReferenceImages[0]);
        Assert.Equal("https://example.com/a.jpg", request.ReferenceImages[1]);
    }

    [Fact]
    public async Task Generate_WithAReferenceThatIsALinkOutOfTheAllowedFolders_ExitsWith2AndSendsNothing()
    {
        // Issue 17, item 6: --reference goes through the tools' path guard, symbolic links resolved.
        using var dir = new TempDirectory();
        using var elsewhere = new TempDirectory();
        File.WriteAllBytes(elsewhere.Combine("private.png"), TestImages.Png);
        File.CreateSymbolicLink(dir.Combine("ref.png"), elsewhere.Combine("private.png"));
        var fake = new FakeClient();

        var linked = await Cli.RunAsync(["generate", "edit it", "--reference", "ref.png", "--out", dir.Path, "--json"],
            Cli.OfflineEnvironment(), s => s.AddSingleton<IFlux2Client>(fake), currentDirectory: dir.Path);
        var outside = await Cli.RunAsync(["generate", "edit it", "--reference", elsewhere.Combine("private.png"), "--out", dir.Path, "--json"],
            Cli.OfflineEnvironment(), s => s.AddSingleton<IFlux2Client>(fake), currentDirectory: dir.Path);
        var environment = Cli.OfflineEnvironment();
        environment["Flux2__Tools__AllowedRoots__0"] = elsewhere.Path;
        var allowed = await Cli.RunAsync(["generate", "edit it", "--reference", "ref.png", "--out", dir.Path],
            environment, s => s.AddSingleton<IFlux2Client>(fake), currentDirectory: dir.Path);

        Assert.Equal(2, linked.ExitCode);
        Assert.Equal("reference", linked.Json.GetProperty("error").GetProperty("parameter").GetString());
        Assert.Contains("symbolic link", linked.Json.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(2, outside.ExitCode);
        Assert.Contains("Flux2:Tools:AllowedRoots", outside.Json.GetProperty("error").GetProperty("message").GetString());
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(TestImages.Png), Assert.Single(fake.Requests).ReferenceImages[0]);
    }

    [Fact]
    public async Task Generate_PassesEveryOptionToTheCaller()
    {
        var fake = new FakeClient();
        using var dir = new TempDirectory();
        var result = await Cli.RunAsync(
            ["generate", "a fox", "--provider", "bfl", "--model", "flux-2-flex", "--size", "1280x720", "--seed", "9", "--steps", "30",
             "--guidance", "4.5", "--num-images", "2", "--format", "jpg", "--safety-tolerance", "3", "--out", dir.Path],
            Cli.OfflineEnvironment(), s => s.AddSingleton<IFlux2Client>(fake));

        Assert.True(result.ExitCode == 0, result.ToString());
        var r = Assert.Single(fake.Requests);
        Assert.Equal(("a fox", "bfl", "flux-2-flex", "1280x720"), (r.Prompt, r.Provider, r.Model, r.Size));
        Assert.Equal((9L, 30, 4.5, 2, "jpeg", 3), (r.Seed, r.Steps, r.GuidanceScale, r.NumImages, r.OutputFormat, r.SafetyTolerance));
    }

    [Fact]
    public async Task Generate_ShowsProgressOnStderrOnly()
    {
        var fake = new FakeClient
        {
            GenerateCallback = (request, progress, _) =>
            {
                progress?.Report(new Flux2Progress { Status = Flux2ProgressStatus.Queued, QueuePosition = 2 });
                progress?.Report(new Flux2Progress { Status = Flux2ProgressStatus.Running, Message = "step 3/28" });
                return Task.FromResult(FakeClient.InlineResult(1));
            },
        };
        using var dir = new TempDirectory();
        var result = await Cli.RunAsync(["generate", "a fox", "--out", dir.Path, "--json"], Cli.OfflineEnvironment(), s => s.AddSingleton<IFlux2Client>(fake));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("queued (position 2)", result.Stderr);
        Assert.Contains("running: step 3/28", result.Stderr);
        Assert.DoesNotContain("queued", result.Stdout);
        Assert.Equal(JsonValueKind.Object, result.Json.ValueKind);
    }

    [Fact]
    public async Task Generate_WhenCancelled_Exits130AndCancelsTheCall()
    {
        using var cancellation = new CancellationTokenSource();
        bool sawCancellation = false;
        var fake = new FakeClient
        {
            GenerateCallback = async (_, _, token) =>
            {
                cancellation.CancelAfter(50);
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                catch (OperationCanceledException)
                {
                    sawCancellation = true;
                    throw;
                }

                throw new InvalidOperationException("unreachable");
            },
        };
        var result = await Cli.RunAsync(["generate", "a fox", "--json"], Cli.OfflineEnvironment(), s => s.AddSingleton<IFlux2Client>(fake), cancellationToken: cancellation.Token);

        Assert.Equal(130, result.ExitCode);
        Assert.True(sawCancellation);
        Assert.Equal("cancelled", result.Json.GetProperty("error").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Generate_WhenEveryImageIsFiltered_ExitsWith4()
    {
        var fake = new FakeClient
        {
            GenerateCallback = (_, _, _) => throw new Flux2ContentFilteredException("Every image was flagged NSFW; rephrase the prompt.") { Provider = "fal" },
        };
        var result = await Cli.RunAsync(["generate", "a fox", "--json"], Cli.OfflineEnvironment(), s => s.AddSingleton<IFlux2Client>(fake));

        Assert.Equal(4, result.ExitCode);
        Assert.Equal("content_filtered", result.Json.GetProperty("error").GetProperty("kind").GetString());
    }
}
