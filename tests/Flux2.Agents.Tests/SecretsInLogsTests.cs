using Flux2.Client;
using Flux2.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flux2.Agents.Tests;

/// <summary>
/// Issue 17, item 9: the README promises no signed-URL query and no key in logs. Every log record (all categories, Trace and up:
/// the HTTP clients', the caller's, the downloader's, the tools') of a generate and a download against the simulator as BFL,
/// whose results are signed sample URLs (<c>?se=...&amp;sig=...</c>), is searched for the key and the query.
/// </summary>
public sealed class SecretsInLogsTests : IAsyncLifetime
{
    private const string ApiKey = "bfl-test-key-5e3c7d";
    private SimulatedTools _tools = null!;

    public async Task InitializeAsync() =>
        _tools = await SimulatedTools.StartAsync(
            "secrets",
            server => new Dictionary<string, string?>
            {
                ["Flux2:Provider"] = "bfl",
                ["Flux2:Providers:Bfl:ApiKey"] = ApiKey,
                ["Flux2:Providers:Bfl:BaseUrl"] = server.DialectUrl("bfl").ToString(),
            },
            new SimulatorOptions { Latency = TimeSpan.FromMilliseconds(300) },
            services => services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging()));

    public Task DisposeAsync() => _tools.DisposeAsync().AsTask();

    [Fact]
    public async Task GenerateAndDownload_WithSignedResultUrls_LogNeitherTheKeyNorTheQuery()
    {
        var tools = _tools.Services.GetRequiredService<Flux2ImageTools>();
        var generated = await tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "a lighthouse", OutputFormat = "png" });
        string url = Assert.Single(generated.Images).Url!;
        Assert.Contains("sig=", url, StringComparison.Ordinal);           // the result URL is signed, so there is something to leak
        await tools.DownloadImageAsync(new Flux2DownloadImageInput { Url = url, Path = "saved.png" });
        var expired = await Assert.ThrowsAsync<Flux2Exception>(() =>
            tools.DownloadImageAsync(new Flux2DownloadImageInput { Url = url.Replace("/files/", "/files/gone-", StringComparison.Ordinal), Path = "gone.png" }));
        Assert.Equal(Flux2ErrorKind.ResultExpired, expired.Kind);

        var records = _tools.Services.GetFakeLogCollector().GetSnapshot();
        Assert.NotEmpty(records);
        Assert.Contains(records, r => r.Category == "Flux2.Client.Http.Requests" && r.Message.Contains("HTTP POST", StringComparison.Ordinal));
        // The signed result URL was fetched (by the tool after generating, then by download_image) and logged without its query.
        Assert.True(records.Count(r => r.Category == "Flux2.Client.Http.Downloads" && r.Message.Contains("?(query not logged)", StringComparison.Ordinal)) >= 2);
        string query = new Uri(url).Query.TrimStart('?');
        foreach (var record in records)
        {
            string text = string.Join(" | ", new[] { record.Message, record.Exception?.ToString() }
                .Concat(record.StructuredState?.Select(p => $"{p.Key}={p.Value}") ?? [])
                .Concat(record.Scopes.Select(s => s?.ToString() ?? "")));
            Assert.False(text.Contains(ApiKey, StringComparison.Ordinal), $"the key is in a log record of {record.Category}: {text}");
            Assert.False(text.Contains("sig=", StringComparison.Ordinal) || text.Contains(query, StringComparison.Ordinal),
                $"a signed URL's query is in a log record of {record.Category}: {text}");
        }
    }
}
