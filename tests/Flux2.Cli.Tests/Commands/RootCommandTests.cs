namespace Flux2.Cli.Tests;

public sealed class RootCommandTests
{
    [Fact]
    public async Task Help_ShowsExamplesExitCodesAndEveryCommand()
    {
        var result = await Cli.RunAsync(["--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Examples:", result.Stdout);
        Assert.Contains("Exit codes:", result.Stdout);
        foreach (string command in (string[])["generate", "download", "batch", "models", "simulator"])
        {
            Assert.Contains(command, result.Stdout);
        }
    }

    [Fact]
    public async Task GenerateHelp_SaysTheUnitRangeAndDefaultOfOptions()
    {
        var result = await Cli.RunAsync(["generate", "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1-4. Default 1", result.Stdout);
        Assert.Contains("0 (strictest) to 6", result.Stdout);
        Assert.Contains("WIDTHxHEIGHT", result.Stdout);
    }

    [Fact]
    public async Task NoCommand_ExitsWith2()
    {
        var result = await Cli.RunAsync([]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("flux2 --help", result.Stderr);
    }

    [Fact]
    public async Task UnknownCommand_ExitsWith2()
    {
        var result = await Cli.RunAsync(["paint", "a cat"]);

        Assert.Equal(2, result.ExitCode);
    }
}
