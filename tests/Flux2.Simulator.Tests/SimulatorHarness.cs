using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkiaSharp;

namespace Flux2.Simulator.Tests;

/// <summary>Starts a simulator on a loopback port with an HttpClient that speaks to it.</summary>
internal sealed class SimulatorHarness : IAsyncDisposable
{
    private SimulatorHarness(SimulatorServer server)
    {
        Server = server;
        Http = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("flux2-tests", "1.0"));
    }

    public SimulatorServer Server { get; }

    public HttpClient Http { get; }

    public static async Task<SimulatorHarness> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions();
        configure?.Invoke(options);
        return new SimulatorHarness(await SimulatorServer.StartAsync(options));
    }

    public static HttpRequestMessage Json(HttpMethod method, string path, object? body, string? auth = "Key test-key", string? fault = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            var text = body as string ?? ((JsonNode)body).ToJsonString();
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }

        if (auth is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", auth);
        }

        if (fault is not null)
        {
            request.Headers.Add("x-sim-fault", fault);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public async Task<(HttpResponseMessage Response, JsonNode? Body)> SendAsync(HttpRequestMessage request)
    {
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? node = null;
        if (text.Length > 0 && (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) ?? false))
        {
            node = JsonNode.Parse(text);
        }

        return (response, node);
    }

    public async Task<JsonNode> PostOkAsync(string path, JsonNode body, string auth = "Key test-key")
    {
        var (response, node) = await SendAsync(Json(HttpMethod.Post, path, body, auth));
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {node?.ToJsonString()}");
        return node!;
    }

    public async Task<(SKBitmap Bitmap, SKEncodedImageFormat Format, byte[] Bytes)> DownloadImageAsync(string url)
    {
        byte[] bytes;
        if (url.StartsWith("data:", StringComparison.Ordinal))
        {
            bytes = Convert.FromBase64String(url[(url.IndexOf(',', StringComparison.Ordinal) + 1)..]);
        }
        else
        {
            bytes = await Http.GetByteArrayAsync(new Uri(url));
        }

        return Decode(bytes);
    }

    public static (SKBitmap Bitmap, SKEncodedImageFormat Format, byte[] Bytes) Decode(byte[] bytes)
    {
        using var codec = SKCodec.Create(new MemoryStream(bytes)) ?? throw new InvalidOperationException("Not an image.");
        var format = codec.EncodedFormat;
        var bitmap = SKBitmap.Decode(bytes);
        return (bitmap, format, bytes);
    }

    public static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    public static JsonDocument Document(string json) => JsonDocument.Parse(json);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
