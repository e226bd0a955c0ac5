using System.Diagnostics;
using Flux2.Simulator;

namespace Flux2.Cli.Tests.FaultMatrix;

/// <summary>
/// The fault matrix of issue 17, in the suite: each provider flow (fal queue and sync, BFL, Replicate, Together, AIML, Segmind) against
/// each documented fault class, driving <c>flux2 generate</c> in-process against the simulator's injected faults with short configured
/// time-outs (AttemptTimeout 1 s, TotalTimeout 2.5 s, MaxRetries 2). Each case checks the exit code and the error kind, the paid
/// requests and cancels the simulator counted, that a stuck call ends within a second of its deadline, that no file or temp file is
/// left behind on failure, and that the key appears nowhere in the output. Each flow is one test class with its own simulator, so
/// the flows run side by side (the cases mostly wait on their time-outs; see this project's xunit.runner.json).
/// </summary>
/// <param name="fixture">The flow's simulator.</param>
/// <param name="flowName">The flow the derived class tests.</param>
public abstract class FaultMatrixTests(FaultMatrixFixture fixture, string flowName) : IClassFixture<FaultMatrixFixture>
{
    /// <summary>Every fault class that exists for the flow named <paramref name="flow"/>.</summary>
    public static TheoryData<string> Faults(string flow) =>
        new(MatrixFault.All.Where(f => f.AppliesTo(MatrixFlow.Named(flow))).Select(f => f.Name));

    /// <summary>The command line of every case: one small image with a fixed seed (the simulator then renders it once).</summary>
    internal static string[] Arguments(MatrixFlow flow, string directory) =>
        ["generate", "a lighthouse in a storm", "--provider", flow.Provider, "--model", "flux-2-pro", "--size", "512x512", "--seed", "1", "--out", directory + Path.DirectorySeparatorChar, "--json"];

    /// <summary>Runs the flow against one fault and checks what the user sees.</summary>
    protected async Task MeetsFaultAsync(string faultName)
    {
        MatrixFlow flow = MatrixFlow.Named(flowName);
        MatrixFault fault = MatrixFault.Named(faultName);
        MatrixOutcome expected = fault.Expect(flow);
        SimulatorServer server = await fixture.ResetAsync(flow);
        using var directory = new TempDirectory();
        fault.Inject(flow, server);
        var clock = Stopwatch.StartNew();

        CliResult result;
        try
        {
            result = await Cli.RunAsync(Arguments(flow, directory.Path), flow.Environment(server));
        }
        finally
        {
            server.Options.Latency = TimeSpan.Zero;
        }

        clock.Stop();
        Assert.True(result.ExitCode == expected.ExitCode, $"expected exit {expected.ExitCode}: {result}");
        Assert.DoesNotContain(MatrixFlow.Key, result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.Equal(expected.Submits, server.Counters.Get(flow.Dialect, flow.Submit));
        Assert.Equal(expected.Cancels, server.Counters.Get(flow.Dialect, "cancel"));
        string[] files = Directory.GetFiles(directory.Path, "*", SearchOption.AllDirectories);
        if (expected.Kind is null)
        {
            string saved = Assert.Single(files);
            Assert.Matches(@"\.(png|jpe?g|webp)$", saved);
            Assert.Contains(TestImages.FormatOf(saved), (string[])["png", "jpeg", "webp"]);
        }
        else
        {
            Assert.True(files.Length == 0, $"left behind: {string.Join(", ", files)}");
            var error = result.Json.GetProperty("error");
            Assert.Equal(expected.Kind, error.GetProperty("kind").GetString());
            string message = error.GetProperty("message").GetString()!;
            Assert.True(expected.Says is null || message.Contains(expected.Says, StringComparison.Ordinal), $"the message does not say '{expected.Says}': {message}");
        }

        if (expected.EndsByTheDeadline)
        {
            TimeSpan limit = MatrixFlow.TotalTimeout + TimeSpan.FromSeconds(1);
            Assert.True(clock.Elapsed < limit, $"ended after {clock.Elapsed.TotalSeconds:0.00} s, more than a second past the {MatrixFlow.TotalTimeout.TotalSeconds} s deadline");
        }
    }

    /// <summary>Ctrl+C while the flow's job runs: exit 130, the job cancelled where the provider can, nothing left behind.</summary>
    protected async Task CtrlCMidJobAsync()
    {
        MatrixFlow flow = MatrixFlow.Named(flowName);
        SimulatorServer server = await fixture.ResetAsync(flow);
        using var directory = new TempDirectory();
        server.Options.Latency = TimeSpan.FromMinutes(5);
        using var ctrlC = new CancellationTokenSource();
        try
        {
            Task<CliResult> run = Cli.RunAsync(Arguments(flow, directory.Path), flow.Environment(server), cancellationToken: ctrlC.Token);
            var clock = Stopwatch.StartNew();
            while (server.Counters.Get(flow.Dialect, flow.Submit) == 0)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the job was never submitted");
                await Task.Delay(10);
            }

            await Task.Delay(100); // let the submit be answered, so that the job has an id to cancel
            await ctrlC.CancelAsync();
            CliResult result = await run;

            Assert.True(result.ExitCode == 130, result.ToString());
            Assert.Equal("cancelled", result.Json.GetProperty("error").GetProperty("kind").GetString());
            Assert.Equal(1, server.Counters.Get(flow.Dialect, flow.Submit));
            Assert.Equal(flow.CancelsJobs ? 1 : 0, server.Counters.Get(flow.Dialect, "cancel"));
            Assert.Empty(Directory.GetFiles(directory.Path, "*", SearchOption.AllDirectories));
            Assert.DoesNotContain(MatrixFlow.Key, result.Stdout + result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            server.Options.Latency = TimeSpan.Zero;
        }
    }
}
