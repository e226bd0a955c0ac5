using System.Globalization;
using System.Text.Json;
using Flux2.Simulator.Hosting;
using Flux2.Simulator.Imaging;

namespace Flux2.Simulator.Dialects.Aiml;

/// <summary>AIML API's OpenAI-compatible images endpoint: <c>POST /aiml/v1/images/generations</c>; also accepts OpenAI's <c>size</c>, <c>n</c> and <c>response_format</c>.</summary>
internal sealed class AimlDialect : DialectBase
{
    private const string Path = "/v1/images/generations";

    public AimlDialect(SimulatorEngine engine)
        : base(engine)
    {
    }

    public override string Name => "aiml";

    protected override string? ReadApiKey(HttpRequest request) => Bearer(request);

    protected override Task WriteErrorAsync(HttpContext context, SimulatorFaultKind kind, TimeSpan? retryAfter)
    {
        if (kind == SimulatorFaultKind.RateLimited)
        {
            SetRetryAfter(context.Response, retryAfter);
        }

        var (status, message) = kind switch
        {
            SimulatorFaultKind.Unauthorized => (401, "Unauthorized: the API key is missing or invalid."),
            SimulatorFaultKind.PaymentRequired => (402, "Payment required."),
            SimulatorFaultKind.CreditsExhausted => (403, "You have run out of credits. Top up at https://aimlapi.com/app/billing."),
            SimulatorFaultKind.Validation => (422, "image_size.width must be a multiple of 32 between 512 and 2048"),
            SimulatorFaultKind.ContentPolicy or SimulatorFaultKind.Moderated => (422, "The request was rejected by the content policy (content_policy_violation)."),
            SimulatorFaultKind.RateLimited => (429, "Too many requests."),
            SimulatorFaultKind.BadGateway => (502, "Bad gateway."),
            SimulatorFaultKind.Unavailable => (503, "Service unavailable."),
            _ => (500, "Internal server error."),
        };
        return WriteAimlErrorAsync(context, status, message);
    }

    /// <summary>AIML's error body with status 422.</summary>
    protected override Task WriteShapeErrorAsync(HttpContext context, IReadOnlyList<SchemaProblem> problems) =>
        WriteAimlErrorAsync(context, 422, Describe(problems));

    /// <summary>Handles <c>POST /aiml/v1/images/generations</c>.</summary>
    public async Task GenerateAsync(HttpContext context)
    {
        var scope = await BeginAsync(context, "generate").ConfigureAwait(false);
        if (scope is null)
        {
            return;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is { } json && !await CheckShapeAsync(context, "aiml", InputReader.String(json, "model") ?? string.Empty, body).ConfigureAwait(false))
        {
            return;
        }

        var (spec, error, base64) = Parse(body, scope.Outcome);
        if (spec is null)
        {
            await WriteAimlErrorAsync(context, 400, error!).ConfigureAwait(false);
            return;
        }

        var images = await RunSyncAsync(context, scope, spec).ConfigureAwait(false);
        if (images is null)
        {
            return;
        }

        if (scope.Outcome is SimulatorFaultKind.ContentPolicy or SimulatorFaultKind.Moderated or SimulatorFaultKind.JobFailed)
        {
            await WriteErrorAsync(context, scope.Outcome.Value, null).ConfigureAwait(false);
            return;
        }

        var data = images.Select(i => base64 ? new AimlImage(null, Convert.ToBase64String(i.Image.Bytes)) : new AimlImage(i.Url, null)).ToList();
        var credits = (long)Math.Ceiling(spec.Width * spec.Height / 1_000_000.0) * 63_000L * Math.Max(1, data.Count);
        var answer = new AimlResponse(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), data, new AimlMeta(new AimlUsage(credits)));
        await WriteJsonAsync(context, 200, answer, SimulatorJsonContext.Default.AimlResponse, scope.Malformed).ConfigureAwait(false);
    }

    private static (GenerationSpec? Spec, string? Error, bool Base64) Parse(JsonElement? body, SimulatorFaultKind? outcome)
    {
        if (body is not { } input)
        {
            return (null, "Request body must be a JSON object.", false);
        }

        var model = InputReader.String(input, "model") ?? string.Empty;
        if (model.Length == 0)
        {
            return (null, "model is required.", false);
        }

        if (InputReader.String(input, "prompt") is not { Length: > 0 and <= 4000 } prompt)
        {
            return (null, "prompt is required and must be at most 4000 characters.", false);
        }

        int width = 1024, height = 768;
        if (input.TryGetProperty("image_size", out var size) && size.ValueKind != JsonValueKind.Null)
        {
            if (size.ValueKind == JsonValueKind.String && Preset(size.GetString()!) is { } preset)
            {
                (width, height) = preset;
            }
            else if (size.ValueKind == JsonValueKind.Object && InputReader.TryInt64(size, "width", out var w) && InputReader.TryInt64(size, "height", out var h) && w is not null && h is not null)
            {
                (width, height) = ((int)w, (int)h);
            }
            else
            {
                return (null, "image_size must be a preset name or {width,height}.", false);
            }
        }
        else if (InputReader.String(input, "size") is { } openAiSize)
        {
            var parts = openAiSize.Split('x');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out width) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out height))
            {
                return (null, "size must look like 1024x1024.", false);
            }
        }
        else
        {
            (width, height) = (1024, 1024);
        }

        if (width is < 256 or > 2048 || height is < 256 or > 2048)
        {
            return (null, "image_size width and height must be between 256 and 2048.", false);
        }

        if (!InputReader.TryInt64(input, "num_images", out var numImages) || !InputReader.TryInt64(input, "n", out var n) || (numImages ?? n) is < 1 or > 4)
        {
            return (null, "num_images must be between 1 and 4.", false);
        }

        if (!InputReader.TryInt64(input, "seed", out var seed))
        {
            return (null, "seed must be an integer.", false);
        }

        var format = SimImageFormat.Png;
        if (InputReader.Has(input, "output_format") && !SimImageFormats.TryParse(InputReader.String(input, "output_format"), out format))
        {
            return (null, "output_format must be png, jpeg or webp.", false);
        }

        if (model.EndsWith("-edit", StringComparison.Ordinal) && InputReader.ArrayLength(input, "image_urls") is < 1 or > 3)
        {
            return (null, "image_urls must contain 1 to 3 URLs for edit models.", false);
        }

        var spec = new GenerationSpec(prompt, seed ?? SimulatorEngine.RandomSeed(), width, height, format, (int)(numImages ?? n ?? 1), outcome);
        return (spec, null, InputReader.String(input, "response_format") == "b64_json");
    }

    private static (int, int)? Preset(string name) => name switch
    {
        "square_hd" => (1024, 1024),
        "square" => (512, 512),
        "portrait_4_3" => (768, 1024),
        "portrait_16_9" => (576, 1024),
        "landscape_4_3" => (1024, 768),
        "landscape_16_9" => (1024, 576),
        _ => null,
    };

    private static Task WriteAimlErrorAsync(HttpContext context, int status, string message) =>
        WriteJsonAsync(
            context,
            status,
            new AimlError(message, Path, Guid.NewGuid().ToString(), status, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)),
            SimulatorJsonContext.Default.AimlError);
}
