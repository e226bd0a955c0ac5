using System.Text.Json;
using Flux2.Client;
using Flux2.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Cli.Tests;

public sealed class BatchCommandTests
{
    [Fact]
    public async Task Batch_WithAFailingLine_ReportsEveryLineInOrderAndARerunSkipsTheDoneOnes()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var dir = new TempDirectory();
        string input = dir.Combine("prompts.txt");
        File.WriteAllLines(input,
        [
            "# a comment",
            "a red fox",
            """{"prompt":"a blue bird","seed":5,"format":"png"}""",
            "",
            """{"prompt":"oops","colour":"red"}""",
            "a green frog",
        ]);
        string output = dir.Combine("out");

        // The first request the simulator sees is refused by its content policy (concurrency 1 keeps the order).
        server.Faults.Add("*", null, SimulatorFaultKind.ContentPolicy, times: 1);
        var first = await Cli.RunAsync(["batch", input, "--concurrency", "1", "--out", output, "--json"], Cli.FalEnvironment(server));

        Assert.True(first.ExitCode == 4, first.ToString());
        var lines = first.JsonLines;
        Assert.Equal([2, 3, 5, 6], lines.Select(l => l.GetProperty("line").GetInt32()));
        Assert.Equal(["error", "ok", "error", "ok"], lines.Select(l => l.GetProperty("status").GetString()));
        Assert.Equal("content_filtered", lines[0].GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal("invalid_argument", lines[2].GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains("colour", lines[2].GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(5, lines[1].GetProperty("seed").GetInt64());
        Assert.True(TestImages.IsPng(lines[1].GetProperty("images")[0].GetProperty("path").GetString()!));
        Assert.Equal(first.Stdout.Trim(), File.ReadAllText(Path.Combine(output, "report.jsonl")).Trim());
        Assert.Contains("2 succeeded, 2 failed, 0 skipped", first.Stderr);

        long before = server.Counters.Total;
        var second = await Cli.RunAsync(["batch", input, "--concurrency", "1", "--out", output, "--json"], Cli.FalEnvironment(server));

        Assert.True(second.ExitCode == 2, second.ToString()); // only the malformed line still fails
        var rerun = second.JsonLines;
        Assert.Equal(["ok", "ok", "error", "ok"], rerun.Select(l => l.GetProperty("status").GetString()));
        Assert.Equal([false, true, false, true], rerun.Select(l => l.GetProperty("skipped").GetBoolean()));
        Assert.Contains("1 succeeded, 1 failed, 2 skipped", second.Stderr);
        Assert.True(server.Counters.Total > before);

        var forced = await Cli.RunAsync(["batch", input, "--out", output, "--force"], Cli.FalEnvironment(server));
        Assert.Contains("3 succeeded, 1 failed, 0 skipped", forced.Stderr);
    }

    [Fact]
    public async Task Batch_Offline_SavesEveryImageWithLineNumberedNames()
    {
        using var dir = new TempDirectory();
        string input = dir.Combine("prompts.txt");
        File.WriteAllLines(input, ["a red fox", """{"prompt":"two cats","num_images":2,"model":"flux-2-dev","seed":11}"""]);
        var result = await Cli.RunAsync(["batch", input, "--out", dir.Combine("out")], Cli.OfflineEnvironment());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Stdout);
        string[] files = [.. Directory.GetFiles(dir.Combine("out")).Select(Path.GetFileName).Order()!];
        Assert.Contains(files, f => f!.StartsWith("0001-a-red-fox", StringComparison.Ordinal));
        Assert.Contains("0002-two-cats-s11-1.png", files);
        Assert.Contains("0002-two-cats-s11-2.png", files);
        Assert.Contains("report.jsonl", files);
        Assert.Contains("3 images", result.Stderr);
        Assert.Contains("(simulated)", result.Stderr);
    }

    [Fact]
    public async Task Batch_WhenTheProviderKeepsRateLimiting_LowersConcurrencyAndStillFinishesEveryLine()
    {
        int calls = 0;
        var fake = new FakeClient
        {
            GenerateCallback = (request, _, _) =>
            {
                // The first three calls are refused with 429, everything after succeeds.
                if (Interlocked.Increment(ref calls) <= 3)
                {
                    throw new Flux2Exception(Flux2ErrorKind.RateLimited, "Too many requests.") { Provider = "fal", StatusCode = 429, RetryAfter = TimeSpan.FromMilliseconds(10) };
                }

                return Task.FromResult(FakeClient.InlineResult(1));
            },
        };
        using var dir = new TempDirectory();
        string input = dir.Combine("prompts.txt");
        File.WriteAllLines(input, Enumerable.Range(1, 8).Select(i => $"prompt number {i}"));

        var result = await Cli.RunAsync(["batch", input, "--concurrency", "4", "--out", dir.Combine("out"), "--json"], Cli.OfflineEnvironment(), s => s.AddSingleton<IFlux2Client>(fake));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(8, result.JsonLines.Count(l => l.GetProperty("status").GetString() == "ok"));
        Assert.Matches(@"rate limited: concurrency 4 -> [1-3]\b", result.Stderr);
    }

    [Fact]
    public async Task Batch_AgainstAProviderWithAConcurrencyLimit_FinishesEveryLine()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ConcurrencyLimit = 1, Latency = TimeSpan.FromMilliseconds(100) });
        using var dir = new TempDirectory();
        string input = dir.Combine("prompts.txt");
        File.WriteAllLines(input, Enumerable.Range(1, 6).Select(i => $"prompt {i}"));

        var result = await Cli.RunAsync(["batch", input, "--concurrency", "4", "--out", dir.Combine("out"), "--json"], Cli.FalEnvironment(server));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(6, result.JsonLines.Count(l => l.GetProperty("status").GetString() == "ok"));
        Assert.Equal(7, Directory.GetFiles(dir.Combine("out")).Length);
    }

    [Fact]
    public async Task Batch_WhenCancelled_Exits130AndStillAccountsForEveryLine()
    {
        using var cancellation = new CancellationTokenSource();
        int calls = 0;
        var fake = new FakeClient
        {
            GenerateCallback = async (_, _, token) =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    return FakeClient.InlineResult(1);
                }

                cancellation.CancelAfter(50);
                await Task.Delay(Timeout.Infinite, token);
                throw new InvalidOperationException("unreachable");
            },
        };
        using var dir = new TempDirectory();
        string input = dir.Combine("prompts.txt");
        File.WriteAllLines(input, ["one", "two", "three", "four"]);

        var result = await Cli.RunAsync(["batch", input, "--concurrency", "1", "--out", dir.Combine("out"), "--json"], Cli.OfflineEnvironment(),
            s => s.AddSingleton<IFlux2Client>(fake), cancellationToken: cancellation.Token);

        Assert.Equal(130, result.ExitCode);
        var lines = result.JsonLines;
        Assert.Equal([1, 2, 3, 4], lines.Select(l => l.GetProperty("line").GetInt32()));
        Assert.Equal("ok", lines[0].GetProperty("status").GetString());
        Assert.All(lines.Skip(1), l => Assert.Equal("cancelled", l.GetProperty("error").GetProperty("kind").GetString()));
        Assert.Equal(4, File.ReadAllLines(dir.Combine("out", "report.jsonl")).Length);
    }

    [Fact]
    public async Task Batch_WithAMissingFile_ExitsWith2()
    {
        var result = await Cli.RunAsync(["batch", "/no/such/file.txt", "--json"], Cli.OfflineEnvironment());

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(JsonValueKind.Object, result.Json.GetProperty("error").ValueKind);
    }

    [Fact]
    public void Parse_ReadsPromptsAndJsonRequestsAndRefusesUnknownFields()
    {
        var plain = BatchInput.Parse(1, "a fox");
        Assert.Equal("a fox", plain.Request!.Prompt);

        var json = BatchInput.Parse(2, """{"prompt":"a fox","size":"square","guidance_scale":3.5,"steps":20,"reference_images":["https://x/y.png"],"output_format":"webp"}""");
        Assert.Equal(("square", 3.5, 20, "webp"), (json.Request!.Size, json.Request.GuidanceScale, json.Request.Steps, json.Request.OutputFormat));
        Assert.Equal(["https://x/y.png"], json.Request.ReferenceImages);

        Assert.Equal(Flux2ErrorKind.InvalidArgument, BatchInput.Parse(3, """{"prompt":"x","sead":1}""").Problem!.Kind);
        Assert.Equal(Flux2ErrorKind.InvalidArgument, BatchInput.Parse(4, """{"seed":1}""").Problem!.Kind);
        Assert.Equal(Flux2ErrorKind.InvalidArgument, BatchInput.Parse(5, "{not json").Problem!.Kind);
        Assert.NotEqual(BatchInput.KeyOf(1, "a fox"), BatchInput.KeyOf(1, "a fox!"));
        Assert.NotEqual(BatchInput.KeyOf(1, "a fox"), BatchInput.KeyOf(2, "a fox"));
    }
}
