using System.Globalization;
using Flux2.Simulator.Hosting;

namespace Flux2.Simulator.Dialects.Files;

/// <summary>The CDN result URLs point at: <c>GET /files/{id}/{name}</c> and the streamed <c>GET /files/bulk/{bytes}</c>.</summary>
internal sealed class FilesDialect : DialectBase
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public FilesDialect(SimulatorEngine engine)
        : base(engine)
    {
    }

    public override string Name => "files";

    // CDN URLs are signed/unguessable, not authenticated; the User-Agent check mirrors Together's CDN.
    protected override string? ReadApiKey(HttpRequest request) => null;

    protected override Task WriteErrorAsync(HttpContext context, SimulatorFaultKind kind, TimeSpan? retryAfter)
    {
        if (kind == SimulatorFaultKind.RateLimited)
        {
            SetRetryAfter(context.Response, retryAfter);
        }

        return TextAsync(context, StatusOf(kind), $"{kind}: simulated CDN error");
    }

    // The CDN takes no request bodies, so it has no schema to check.
    protected override Task WriteShapeErrorAsync(HttpContext context, IReadOnlyList<SchemaProblem> problems) =>
        TextAsync(context, 422, Describe(problems));

    /// <summary>Handles <c>GET /files/{id}/{name}</c>.</summary>
    public async Task GetAsync(HttpContext context)
    {
        var scope = await BeginAsync(context, "get", authenticate: false).ConfigureAwait(false);
        if (scope is null || await RefuseEmptyUserAgentAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var parts = context.Request.Path.Value!["/files/".Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var file = parts.Length > 0 ? Engine.FindFile(parts[0]) : null;
        if (file is null)
        {
            await TextAsync(context, 404, "not found: no such file").ConfigureAwait(false);
            return;
        }

        if (scope.Outcome == SimulatorFaultKind.ExpiredResultUrl || DateTimeOffset.UtcNow >= file.ExpiresAt)
        {
            await TextAsync(context, 404, "expired: this result URL has expired; download results soon after generation").ConfigureAwait(false);
            return;
        }

        var image = await Engine.Images.GetAsync(file.Key).ConfigureAwait(false);
        // Latency is per job (DESIGN.md); a CDN answers at once unless the request asks for a delay itself.
        var delay = context.Request.Headers.ContainsKey("x-sim-latency-ms") ? scope.Latency : TimeSpan.Zero;
        if (!await DelayAsync(context, delay).ConfigureAwait(false))
        {
            return;
        }

        var bytes = scope.Malformed ? image.Bytes[..(image.Bytes.Length / 2)] : image.Bytes;
        context.Response.StatusCode = 200;
        context.Response.ContentType = image.ContentType;
        context.Response.ContentLength = bytes.Length;
        context.Response.Headers.CacheControl = "public, max-age=3600";
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Handles <c>GET /files/bulk/{bytes}</c>: a body of that many bytes starting with a PNG signature, streamed in constant memory.</summary>
    public async Task BulkAsync(HttpContext context)
    {
        var scope = await BeginAsync(context, "get", authenticate: false).ConfigureAwait(false);
        if (scope is null || await RefuseEmptyUserAgentAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var text = context.Request.Path.Value!["/files/bulk/".Length..].Trim('/');
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            await TextAsync(context, 400, "bad request: /files/bulk/{bytes} takes a non-negative byte count").ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "image/png";
        context.Response.ContentLength = length;
        var buffer = new byte[64 * 1024];
        PngSignature.CopyTo(buffer, 0);
        var body = context.Response.Body;
        var first = true;
        for (var remaining = length; remaining > 0;)
        {
            var chunk = (int)Math.Min(buffer.Length, remaining);
            await body.WriteAsync(buffer.AsMemory(0, chunk), context.RequestAborted).ConfigureAwait(false);
            remaining -= chunk;
            if (first)
            {
                Array.Clear(buffer, 0, PngSignature.Length);
                first = false;
            }
        }
    }

    private static async Task<bool> RefuseEmptyUserAgentAsync(HttpContext context)
    {
        if (context.Request.Headers.UserAgent.ToString().Trim().Length > 0)
        {
            return false;
        }

        await TextAsync(context, 403, "forbidden: requests without a User-Agent header are refused").ConfigureAwait(false);
        return true;
    }

    private static async Task TextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
    }
}
