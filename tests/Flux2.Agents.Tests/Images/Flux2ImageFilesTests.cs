using Flux2.Client;

namespace Flux2.Agents.Tests.Images;

public sealed class Flux2ImageFilesTests
{
    private static readonly Flux2ModelCapabilities[] Matrix =
    [
        new() { Provider = "fal", Model = Flux2Models.Pro, ProviderModelId = "p", OutputFormats = ["jpeg", "png"] },
        new() { Provider = "fal", Model = Flux2Models.Dev, ProviderModelId = "d", OutputFormats = ["png", "jpeg", "webp"] },
        new() { Provider = "bfl", Model = Flux2Models.Pro, ProviderModelId = "b", OutputFormats = ["jpeg", "png", "webp"] },
    ];

    [Theory]
    [InlineData("x.png", "png")]
    [InlineData("dir/X.JPG", "jpeg")]
    [InlineData("x.jpeg", "jpeg")]
    [InlineData("x.webp", "webp")]
    [InlineData("x.gif", null)]
    [InlineData("x", null)]
    [InlineData(null, null)]
    public void FormatOfName_ReadsTheExtension(string? path, string? expected) =>
        Assert.Equal(expected, Flux2ImageFiles.FormatOfName(path));

    [Theory]
    [InlineData(null, "x.png", "png")]
    [InlineData("jpg", "x.jpeg", "jpeg")]
    [InlineData("webp", "x", "webp")]
    [InlineData(null, "x", null)]
    public void WantedFormat_IsTheAskedFormatOrTheNamesOwn(string? format, string path, string? expected) =>
        Assert.Equal(expected, Flux2ImageFiles.WantedFormat(format, path, "--format", "--out"));

    [Fact]
    public void WantedFormat_WhenTheFormatAndTheNameDisagree_IsAnInvalidArgumentNamingBoth()
    {
        var error = Assert.Throws<Flux2Exception>(() => Flux2ImageFiles.WantedFormat("jpeg", "out/x.png", "--format", "--out"));

        Assert.Equal(Flux2ErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("--format jpeg", error.Message, StringComparison.Ordinal);
        Assert.Contains("--out 'x.png'", error.Message, StringComparison.Ordinal);
        Assert.Equal("format", error.Parameter);
    }

    [Theory]
    [InlineData("fal", Flux2Models.Pro, "png", "png")]
    [InlineData("fal", Flux2Models.Pro, "webp", null)]
    [InlineData("bfl", Flux2Models.Pro, "webp", "webp")]
    [InlineData(null, Flux2Models.Pro, "png", "png")]
    [InlineData(null, Flux2Models.Pro, "webp", null)]
    [InlineData("fal", Flux2Models.Dev, "webp", "webp")]
    [InlineData("fal", Flux2Models.Pro, null, null)]
    public void FormatToAsk_IsTheWantedFormatWhereEveryRowThatCanServeOffersIt(string? provider, string model, string? wanted, string? expected)
    {
        var request = new Flux2ImageRequest { Prompt = "x", Provider = provider, Model = model };

        Assert.Equal(expected, Flux2ImageFiles.FormatToAsk(wanted, request, Matrix, new Flux2ClientOptions()));
    }

    [Fact]
    public void FormatToAsk_UsesTheConfiguredProviderAndModelAndKeepsAnExplicitFormat()
    {
        var defaults = new Flux2ClientOptions { Provider = "bfl", Model = Flux2Models.Pro };

        Assert.Equal("webp", Flux2ImageFiles.FormatToAsk("webp", new Flux2ImageRequest { Prompt = "x" }, Matrix, defaults));
        Assert.Equal("jpeg", Flux2ImageFiles.FormatToAsk("jpeg", new Flux2ImageRequest { Prompt = "x", OutputFormat = "jpeg", Provider = "fal" }, Matrix, defaults));
    }
}
