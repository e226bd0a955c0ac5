using System.Diagnostics;
using Xunit.Abstractions;

namespace Flux2.Simulator.Tests;

/// <summary>The providers' official SDKs (npm) must work against the simulator with only a base URL changed.</summary>
public sealed class NodeSdkTests(ITestOutputHelper output)
{
    [NodeSdkTheory]
    [InlineData("sdk-fal.mjs")]
    [InlineData("sdk-replicate.mjs")]
    [InlineData("sdk-together.mjs")]
    [InlineData("sdk-openai.mjs")]
    public async Task OfficialSdk_GeneratesAnImageAgainstTheSimulator(string script)
    {
        await using var server = await SimulatorServer.StartAsync();
        var directory = NodeSdkTheoryAttribute.NodeDirectory();
        var bundled = Path.Combine(directory, "node_modules", ".bin", "node");
        var start = new ProcessStartInfo(File.Exists(bundled) ? bundled : "node")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(server.BaseUrl.ToString());

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var summary = await stdout;
        output.WriteLine(summary);
        Assert.True(process.ExitCode == 0, $"{script} exited {process.ExitCode}: {summary} {await stderr}");
        Assert.StartsWith("{\"ok\":true", summary, StringComparison.Ordinal);
    }
}
