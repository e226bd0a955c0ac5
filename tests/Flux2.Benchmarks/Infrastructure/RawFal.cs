using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Flux2.Simulator;

namespace Flux2.Benchmarks;

/// <summary>Direct HTTP calls to the simulator's fal dialects with a bare <see cref="HttpClient"/>: the baselines' floor.</summary>
internal sealed class RawFal : IDisposable
{
    /// <summary>The fal app of flux-2-pro.</summary>
    public const string App = "fal-ai/flux-2-pro";

    private readonly HttpClient _http;
    private readonly SimulatorServer _simulator;

    /// <summary>Creates a client for <paramref name="simulator"/>.</summary>
    public RawFal(SimulatorServer simulator)
    {
        _simulator = simulator;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromMinutes(2) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Key", BenchClient.ApiKey);
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("flux2-bench/1.0");
    }

    /// <summary>The fal input of a square image with a fixed seed (so the simulator's render cache serves it after the first time).</summary>
    public static string Body(string prompt, int width, int height, long seed) =>
        $$"""{"prompt":{{JsonSerializer.Serialize(prompt)}},"image_size":{"width":{{width}},"height":{{height}}},"seed":{{seed}}}""";

    /// <summary>POSTs a sync-mode call (fal.run) and returns the output JSON; throws on a non-2xx answer.</summary>
    public async Task<JsonDocument> SyncAsync(string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await _http.PostAsync(new Uri(_simulator.DialectUrl("fal") + "/" + App), content, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"fal sync answered {(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text);
    }

    /// <summary>Submits a queue job and returns (request id, status URL, response URL).</summary>
    public async Task<(string Id, Uri Status, Uri Response)> SubmitAsync(string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await _http.PostAsync(new Uri(_simulator.DialectUrl("fal-queue") + "/" + App), content, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"fal queue submit answered {(int)response.StatusCode}: {text}");
        }

        using var json = JsonDocument.Parse(text);
        JsonElement root = json.RootElement;
        return (root.GetProperty("request_id").GetString()!, new Uri(root.GetProperty("status_url").GetString()!), new Uri(root.GetProperty("response_url").GetString()!));
    }

    /// <summary>GETs a status URL and returns its status word.</summary>
    public async Task<string> StatusAsync(Uri statusUrl, CancellationToken cancellationToken)
    {
        string text = await _http.GetStringAsync(statusUrl, cancellationToken).ConfigureAwait(false);
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("status").GetString() ?? "";
    }

    /// <summary>GETs a URL's body (a queue result or an image) as bytes.</summary>
    public Task<byte[]> GetBytesAsync(Uri url, CancellationToken cancellationToken) => _http.GetByteArrayAsync(url, cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();
}
