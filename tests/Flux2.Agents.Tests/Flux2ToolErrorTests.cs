using Flux2.Client;

namespace Flux2.Agents.Tests;

public sealed class Flux2ToolErrorTests
{
    [Fact]
    public void From_Flux2Exception_CarriesKindParameterAndRetryHint()
    {
        var error = Flux2ToolError.From(new Flux2Exception(Flux2ErrorKind.RateLimited, "Slow down.")
        {
            Provider = "fal",
            RetryAfter = TimeSpan.FromSeconds(12),
            RequestId = "r1",
        });

        Assert.Equal("rate_limited", error.Error);
        Assert.Equal("provider", error.Category);
        Assert.Equal(12, error.RetryAfterSeconds);
        Assert.True(error.Retryable);
        Assert.Equal("rate_limited: Slow down. (retry after 12 s)", error.ToString());
    }

    [Fact]
    public void From_ContentFiltered_IsNotRetryable()
    {
        var error = Flux2ToolError.From(new Flux2ContentFilteredException("The prompt was refused; rephrase it."));

        Assert.Equal("content_filtered", error.Error);
        Assert.Equal("content", error.Category);
        Assert.False(error.Retryable);
    }

    [Fact]
    public void From_UnexpectedException_NamesOnlyItsType()
    {
        var error = Flux2ToolError.From(new InvalidOperationException("secret path /home/me/.keys and key sk-123"));

        Assert.Equal("internal_error", error.Error);
        Assert.DoesNotContain("sk-123", error.Message);
        Assert.Contains("InvalidOperationException", error.Message);
    }

    [Fact]
    public void From_SkiaSharpsNativeLibraryFailingToLoad_IsAMissingDependencyNamingThePackage_NotARetryableInternalError()
    {
        var loadFailure = new TypeInitializationException("SkiaSharp.SKData",
            new DllNotFoundException("Unable to load shared library 'libSkiaSharp' or one of its dependencies."));

        var error = Flux2ToolError.From(loadFailure);

        Assert.Equal("missing_dependency", error.Error);
        Assert.Equal("other", error.Category);
        Assert.False(error.Retryable);
        Assert.Contains(OperatingSystem.IsLinux() ? "SkiaSharp.NativeAssets.Linux.NoDependencies" : "SkiaSharp.NativeAssets", error.Message);
        Assert.Contains("libSkiaSharp", error.Message);
        Assert.Contains("Retrying will not help", error.Message);
        Assert.Contains("still works", error.Message);
        Assert.DoesNotContain("Retry once", error.Message);
    }

    [Fact]
    public void From_ABug_SaysWhatItIs_AndThatRetryingWillNotHelp()
    {
        var error = Flux2ToolError.From(new TypeInitializationException("Flux2.Agents.Something", new FormatException("secret")));

        Assert.Equal("internal_error", error.Error);
        Assert.False(error.Retryable);
        Assert.Contains("TypeInitializationException caused by FormatException", error.Message);
        Assert.Contains("will not help", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Theory]
    [InlineData(typeof(IOException))]
    [InlineData(typeof(TimeoutException))]
    [InlineData(typeof(HttpRequestException))]
    public void From_ATransientFailure_IsRetryable(Type type)
    {
        var error = Flux2ToolError.From((Exception)Activator.CreateInstance(type, "passing")!);

        Assert.Equal("internal_error", error.Error);
        Assert.True(error.Retryable);
        Assert.Contains(type.Name, error.Message);
        Assert.Contains("retry once", error.Message);
    }

    [Theory]
    [InlineData(Flux2ErrorKind.BadResult, "provider")]
    [InlineData(Flux2ErrorKind.MissingDependency, "other")]
    [InlineData(Flux2ErrorKind.DownloadRefused, "argument")]
    public void From_NewKinds_HaveTheirCategory_AndAreNotRetryable(Flux2ErrorKind kind, string category)
    {
        var error = Flux2ToolError.From(new Flux2Exception(kind, "x"));

        Assert.Equal(category, error.Category);
        Assert.False(error.Retryable);
    }

    [Fact]
    public void SkiaNatives_TurnsALoadFailureIntoMissingDependency_AndLetsOtherFailuresThrough()
    {
        var missing = Assert.Throws<Flux2Exception>(() => SkiaNatives.Use<int>("Converting the image to png",
            () => throw new DllNotFoundException("Unable to load shared library 'libSkiaSharp'")));
        var other = Assert.Throws<InvalidOperationException>(() => SkiaNatives.Use<int>("Converting", () => throw new InvalidOperationException("bug")));

        Assert.Equal(Flux2ErrorKind.MissingDependency, missing.Kind);
        Assert.StartsWith("Converting the image to png needs SkiaSharp's native library", missing.Message);
        Assert.Equal("bug", other.Message);
        Assert.False(SkiaNatives.IsLoadFailure(new DllNotFoundException("libfoo")));
    }
}
