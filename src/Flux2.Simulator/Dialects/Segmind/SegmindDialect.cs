using System.Globalization;
using System.Text.Json;
using Flux2.Simulator.Hosting;
using Flux2.Simulator.Imaging;

namespace Flux2.Simulator.Dialects.Segmind;

/// <summary>Segmind's API: <c>POST /segmind/v1/{slug}</c> answers raw image bytes (or base64 JSON with <c>base64: true</c>).</summary>
internal sealed class SegmindDialect : DialectBase
{
    private static readonly string[] Slugs = ["flux-2-pro", "flux-2-flex", "flux-2-klein-4b", "flux-2-dev", "flux-2-max", "flux-2-klein-9b"];
    private long _credits = 1_000_000;

    public SegmindDialect(SimulatorEngine engine)
        : base(engine)
    {
    }

    public override string Name => "segmind";

    protected override string? ReadApiKey(HttpRequest request) =>
        request.Headers["x-api-key"].ToString().Trim() is { Length: > 0 } key ? key : null;

    protected override Task WriteErrorAsync(HttpContext context, SimulatorFaultKind kind, TimeSpan? retryAfter)
    {
        if (kind == SimulatorFaultKind.RateLimited)
        {
            SetRetryAfter(context.Response, retryAfter);
        }

        var (status, message) = kind switch
        {
            SimulatorFaultKind.Unauthorized => (401, "Invalid API key. Pass a valid key in the x-api-key header."),
            SimulatorFaultKind.PaymentRequired => (402, "Payment required."),
            SimulatorFaultKind.CreditsExhausted => (406, "Not enough credits. Add credits at https://cloud.segmind.com/console/billing."),
            SimulatorFaultKind.Validation => (422, "width must be between 256 and 2048."),
            SimulatorFaultKind.ContentPolicy or SimulatorFaultKind.Moderated or SimulatorFaultKind.NsfwFlagged => (422, "The request was flagged as NSFW by the content policy."),
            SimulatorFaultKind.RateLimited => (429, "Rate limit exceeded."),
            SimulatorFaultKind.BadGateway => (502, "Bad gateway."),
            SimulatorFaultKind.Unavailable => (503, "Service unavailable."),
            _ => (500, "Internal server error."),
        };
        return WriteJsonAsync(context, status, new SegmindError(message), SimulatorJsonContext.Default.SegmindError);
    }

    /// <summary>Segmind's <c>{"error"}</c> body with status 422.</summary>
    protected override Task WriteShapeErrorAsync(HttpContext context, IReadOnlyList<SchemaProblem> problems) =>
        WriteJsonAsync(context, 422, new SegmindError(Describe(problems)), SimulatorJsonContext.Default.SegmindError);

    /// <summary>Handles <c>POST /segmind/v1/{slug}</c>.</summary>
    public async Task GenerateAsync(HttpContext context)
    {
        var slug = context.Request.Path.Value!["/segmind/v1/".Length..].Trim('/');
        var scope = await BeginAsync(context, "generate").ConfigureAwait(false);
        if (scope is null)
        {
            return;
        }

        if (!Slugs.Contains(slug, StringComparer.Ordinal))
        {
            await WriteJsonAsync(context, 404, new SegmindError($"Model {slug} not found."), SimulatorJsonContext.Default.SegmindError).ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (!await CheckShapeAsync(context, "segmind", slug, body).ConfigureAwait(false))
        {
            return;
        }

        var (spec, error, base64) = Parse(slug, body, scope.Outcome);
        if (spec is null)
        {
            await WriteJsonAsync(context, 400, new SegmindError(error!), SimulatorJsonContext.Default.SegmindError).ConfigureAwait(false);
            return;
        }

        var images = await RunSyncAsync(context, scope, spec).ConfigureAwait(false);
        if (images is null)
        {
            return;
        }

        if (scope.Outcome is SimulatorFaultKind.ContentPolicy or SimulatorFaultKind.Moderated or SimulatorFaultKind.JobFailed or SimulatorFaultKind.NsfwFlagged)
        {
            await WriteErrorAsync(context, scope.Outcome.Value, null).ConfigureAwait(false);
            return;
        }

        var remaining = Interlocked.Add(ref _credits, -1);
        context.Response.Headers["x-remaining-credits"] = remaining.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["x-seed"] = spec.Seed.ToString(CultureInfo.InvariantCulture);
        var bytes = images.Count > 0 ? images[0].Image.Bytes : [];
        if (base64)
        {
            await WriteJsonAsync(context, 200, new SegmindBase64Response(Convert.ToBase64String(bytes), spec.Seed), SimulatorJsonContext.Default.SegmindBase64Response, scope.Malformed).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = SimImageFormats.ContentType(spec.Format);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    private static (GenerationSpec? Spec, string? Error, bool Base64) Parse(string slug, JsonElement? body, SimulatorFaultKind? outcome)
    {
        if (body is not { } input)
        {
            return (null, "Request body must be a JSON object.", false);
        }

        if (InputReader.String(input, "prompt") is not { Length: > 0 } prompt)
        {
            return (null, "prompt is required.", false);
        }

        if (slug.Contains("klein", StringComparison.Ordinal))
        {
            return ParseKlein(input, prompt, outcome);
        }

        if (!InputReader.TryInt64(input, "width", out var w) || !InputReader.TryInt64(input, "height", out var h) || w is < 256 or > 2048 || h is < 256 or > 2048)
        {
            return (null, "width and height must be integers between 256 and 2048.", false);
        }

        if (!InputReader.TryInt64(input, "seed", out var seed))
        {
            return (null, "seed must be an integer.", false);
        }

        var format = SimImageFormat.Jpeg;
        if (InputReader.Has(input, "output_format") && !SimImageFormats.TryParse(InputReader.String(input, "output_format"), out format))
        {
            return (null, "output_format must be jpeg, png or webp.", false);
        }

        var spec = new GenerationSpec(prompt, seed ?? SimulatorEngine.RandomSeed(), (int)(w ?? 1024), (int)(h ?? 1024), format, 1, outcome);
        return (spec, null, InputReader.True(input, "base64"));
    }

    /// <summary>The klein body: no pixels and no seed; <c>aspect_ratio</c> at about 1 MP (1024 x 1024), <c>image_format</c>.</summary>
    private static (GenerationSpec? Spec, string? Error, bool Base64) ParseKlein(JsonElement input, string prompt, SimulatorFaultKind? outcome)
    {
        var aspect = InputReader.String(input, "aspect_ratio") ?? "1:1";
        var (width, height) = AspectSize.Of(aspect == "match_input_image" ? "1:1" : aspect, 1) ?? (1024, 1024);
        var format = SimImageFormat.Jpeg;
        if (InputReader.Has(input, "image_format") && !SimImageFormats.TryParse(InputReader.String(input, "image_format"), out format))
        {
            return (null, "image_format must be png, jpeg or webp.", false);
        }

        var spec = new GenerationSpec(prompt, SimulatorEngine.RandomSeed(), width, height, format, 1, outcome);
        return (spec, null, InputReader.True(input, "base64"));
    }
}
