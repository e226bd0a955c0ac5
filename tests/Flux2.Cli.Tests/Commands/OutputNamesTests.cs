namespace Flux2.Cli.Tests;

public sealed class OutputNamesTests
{
    [Theory]
    [InlineData("A red fox, in snow!", "a-red-fox-in-snow")]
    [InlineData("Café crème", "cafe-creme")]
    [InlineData("   ", "image")]
    [InlineData("日本", "image")]
    public void Slug_IsLowerCaseAsciiWithDashes(string prompt, string slug) => Assert.Equal(slug, OutputNames.Slug(prompt));

    [Fact]
    public void ImageFileName_AddsAnIndexOnlyWhenThereAreSeveral()
    {
        Assert.Equal("fox.png", OutputNames.ImageFileName("fox.png", "x", 1, 1, 1, "png"));
        Assert.Equal("fox-2.png", OutputNames.ImageFileName("fox.png", "x", 1, 2, 3, "png"));
        Assert.Equal("fox.jpg", OutputNames.ImageFileName("fox", "x", 1, 1, 1, "jpg"));
        Assert.Equal("a-fox-s42-1.webp", OutputNames.ImageFileName(null, "A fox", 42, 1, 1, "webp"));
        Assert.Equal("0007-a-fox-2.png", OutputNames.ImageFileName(null, "A fox", null, 2, 2, "png", "0007-"));
    }

    [Fact]
    public void Resolve_TellsADirectoryFromAFileName()
    {
        using var dir = new TempDirectory();
        Assert.Equal(new OutputTarget(dir.Path, null), OutputTarget.Resolve(dir.Path, "ignored", "/"));
        Assert.Equal(new OutputTarget(dir.Combine("new"), null), OutputTarget.Resolve(dir.Combine("new") + "/", "ignored", "/"));
        Assert.Equal(new OutputTarget(dir.Path, "a.png"), OutputTarget.Resolve("a.png", "ignored", dir.Path));
        Assert.Equal(new OutputTarget(dir.Combine("flux2-output"), null), OutputTarget.Resolve(null, "flux2-output", dir.Path));
    }
}
