namespace Flux2.Cli.Tests;

public sealed class SimulatorCommandTests
{
    [Fact]
    public async Task Simulator_PrintsTheVariablesForEveryProviderAndStopsOnCancel()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var runtime = new CliRuntime { Out = stdout, Error = stderr, Environment = new Dictionary<string, string?>() };
        var run = Flux2Cli.RunAsync(["simulator", "--latency-ms", "0"], runtime, cancellation.Token);

        await Eventually.WaitUntilAsync(() => stdout.ToString().Contains("Segmind", StringComparison.Ordinal), "the simulator command printed every provider's variables");
        string text = stdout.ToString();

        var match = System.Text.RegularExpressions.Regex.Match(text, @"Flux2__Providers__Fal__BaseUrl=(http://127\.0\.0\.1:\d+/fal)");
        Assert.True(match.Success, text + stderr);
        Assert.Contains("Flux2__Providers__Fal__QueueBaseUrl=", text);
        Assert.Contains("export BFL_API_KEY=", text);
        Assert.Contains("Flux2__Providers__AimlApi__BaseUrl=", text);

        using (var http = new HttpClient())
        {
            // The simulator is really listening: an unauthenticated call gets the provider's 401.
            var response = await http.PostAsync(match.Groups[1].Value + "/fal-ai/flux-2-pro", new StringContent("{}"));
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        }

        await cancellation.CancelAsync();
        Assert.Equal(0, await run);
        Assert.Contains("Simulator stopped", stderr.ToString());
    }

    [Fact]
    public async Task Simulator_WithANegativeLatency_ExitsWith2()
    {
        var result = await Cli.RunAsync(["simulator", "--latency-ms", "-5"]);

        Assert.Equal(2, result.ExitCode);
    }
}
