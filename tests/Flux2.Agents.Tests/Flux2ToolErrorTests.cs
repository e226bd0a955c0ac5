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
}
