using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flux2.Mcp.Tests;

/// <summary>
/// JSON-RPC over plain HTTP POSTs with no session: what a load balancer sees. Speaks the 2025-06-18 revision (the
/// <c>initialize</c>-handshake era), so only a stateless server serves it without a session; reads JSON or SSE answers.
/// </summary>
internal sealed class RawMcpHttp : IDisposable
{
    public const string ProtocolVersion = "2025-06-18";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private int _id;

    public string? Authorization { get; init; }

    /// <summary>Sends one request to <paramref name="endpoint"/>; returns the status and, for 200, the JSON-RPC response.</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Response, HttpResponseMessage Raw)> SendAsync(Uri endpoint, string method, JsonNode? parameters = null)
    {
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = Interlocked.Increment(ref _id), ["method"] = method };
        if (parameters is not null)
        {
            body["params"] = parameters;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", ProtocolVersion);
        if (Authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", Authorization);
        }

        var response = await _http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, null, response);
        }

        string text = await response.Content.ReadAsStringAsync();
        bool sse = response.Content.Headers.ContentType?.MediaType == "text/event-stream";
        JsonNode? answer = sse
            ? text.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => JsonNode.Parse(l[5..].Trim()))
                .LastOrDefault(n => n?["id"] is not null)
            : JsonNode.Parse(text);
        return (response.StatusCode, answer, response);
    }

    /// <summary>The arguments of a small, fast generate_image call.</summary>
    public static JsonObject Generate(string prompt, int seed) => new()
    {
        ["name"] = "generate_image",
        ["arguments"] = new JsonObject { ["prompt"] = prompt, ["size"] = "256x256", ["seed"] = seed, ["output_format"] = "png" },
    };

    /// <summary>The text of the first content block of a tools/call result (or the JSON-RPC error).</summary>
    public static string Describe(JsonNode? response) => response?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) is { } s && s.Length > 800 ? s[..800] : response?.ToJsonString() ?? "(no response)";

    public void Dispose() => _http.Dispose();
}
