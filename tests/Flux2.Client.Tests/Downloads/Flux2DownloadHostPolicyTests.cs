using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Client.Tests.Downloads;

/// <summary>
/// Issue 17, item 8: which private targets a download may reach. A provider's base URL or a run-time origin (the offline simulator)
/// allows its own scheme, host and port only, not every port on loopback; a configured entry allows what it names.
/// </summary>
public sealed class Flux2DownloadHostPolicyTests
{
    private sealed class FixedOrigins(params Uri[] origins) : IFlux2TrustedDownloadOrigins
    {
        public IReadOnlyList<Uri> Origins { get; } = origins;
    }

    private static Flux2DownloadHostPolicy Policy(Action<Flux2ClientOptions> configure, IFlux2TrustedDownloadOrigins? origins = null)
    {
        var services = new ServiceCollection();
        services.Configure(configure);
        services.AddFlux2Downloads();
        if (origins is not null)
        {
            services.AddSingleton(origins);
        }

        return services.BuildServiceProvider().GetRequiredService<Flux2DownloadHostPolicy>();
    }

    [Fact]
    public void ARunTimeOrigin_AllowsItsOwnSchemeHostAndPortOnly()
    {
        var policy = Policy(_ => { }, new FixedOrigins(new Uri("http://127.0.0.1:41234/"), new Uri("http://localhost:41234/")));

        Assert.True(policy.AllowsPrivateAddress("http", "127.0.0.1", 41234));
        Assert.True(policy.AllowsPrivateAddress("http", "localhost", 41234));
        Assert.False(policy.AllowsPrivateAddress("http", "127.0.0.1", 6379));
        Assert.False(policy.AllowsPrivateAddress("http", "localhost", 22));
        Assert.False(policy.AllowsPrivateAddress("https", "127.0.0.1", 41234));
    }

    [Fact]
    public void AProvidersBaseUrl_AllowsItsOrigin_NotItsWholeHost()
    {
        var policy = Policy(o =>
        {
            o.Providers["fal"] = new Flux2ProviderOptions { BaseUrl = new Uri("http://10.0.0.5:8080/fal/"), QueueBaseUrl = new Uri("http://10.0.0.5:8081/queue/") };
        });

        Assert.True(policy.AllowsPrivateAddress("http", "10.0.0.5", 8080));
        Assert.True(policy.AllowsPrivateAddress("http", "10.0.0.5", 8081));
        Assert.False(policy.AllowsPrivateAddress("http", "10.0.0.5", 22));
        Assert.False(policy.AllowsPrivateAddress("https", "10.0.0.5", 8080));
    }

    [Theory]
    [InlineData("cdn.internal", "http", "cdn.internal", 9999, true)]
    [InlineData("cdn.internal", "https", "cdn.internal", 443, true)]
    [InlineData("cdn.internal:8443", "https", "cdn.internal", 8443, true)]
    [InlineData("cdn.internal:8443", "https", "cdn.internal", 443, false)]
    [InlineData("https://cdn.internal:8443/any/path", "https", "cdn.internal", 8443, true)]
    [InlineData("https://cdn.internal:8443", "http", "cdn.internal", 8443, false)]
    [InlineData("https://cdn.internal", "https", "cdn.internal", 443, true)]
    [InlineData("https://cdn.internal", "https", "cdn.internal", 8443, false)]
    [InlineData("::1", "http", "[::1]", 80, true)]
    [InlineData("[::1]:8080", "http", "[::1]", 8080, true)]
    [InlineData("[::1]:8080", "http", "[::1]", 80, false)]
    public void AConfiguredEntry_AllowsWhatItNames(string entry, string scheme, string host, int port, bool allowed)
    {
        var policy = Policy(o => o.Download.AllowedPrivateHosts.Add(entry));

        Assert.Equal(allowed, policy.AllowsPrivateAddress(scheme, host, port));
    }

    [Fact]
    public void AllowPrivateNetworks_AllowsEverything_AndNothingIsAllowedByDefault()
    {
        Assert.True(Policy(o => o.Download.AllowPrivateNetworks = true).AllowsPrivateAddress("http", "192.168.1.1", 80));
        Assert.False(Policy(_ => { }).AllowsPrivateAddress("http", "127.0.0.1", 80));
    }
}
