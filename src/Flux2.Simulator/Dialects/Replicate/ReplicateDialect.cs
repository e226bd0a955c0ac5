using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flux2.Simulator.Dialects.Flux3;
using Flux2.Simulator.Hosting;
using Flux2.Simulator.Imaging;

namespace Flux2.Simulator.Dialects.Replicate;

/// <summary>Replicate's predictions API (https://api.replicate.com): create with <c>Prefer: wait</c>, get, cancel.</summary>
internal sealed class ReplicateDialect : DialectBase
{
    private const string Version = "simulated0000000000000000000000000000000000000000000000000000000";

    /// <summary>FLUX 3 Image on Replicate; its output is one URL string (Replicate's page does not say; a client must read a string or a list).</summary>
    private const string Flux3Model = "black-forest-labs/flux-3-image";

    public ReplicateDialect(SimulatorEngine engine)
        : base(engine)
    {
    }

    public override string Name => "replicate";

    protected override string? ReadApiKey(HttpRequest request) => Bearer(request) ?? Bearer(request, "Token");

    protected override Task WriteErrorAsync(HttpContext context, SimulatorFaultKind kind, TimeSpan? retryAfter)
    {
        if (kind == SimulatorFaultKind.RateLimited)
        {
            SetRetryAfter(context.Response, retryAfter ?? TimeSpan.FromSeconds(30));
        }

        var seconds = (int)Math.Ceiling((retryAfter ?? TimeSpan.FromSeconds(30)).TotalSeconds);
        var (status, title, detail) = kind switch
        {
            SimulatorFaultKind.Unauthorized => (401, "Unauthenticated", "You did not pass a valid authentication token"),
            SimulatorFaultKind.PaymentRequired or SimulatorFaultKind.CreditsExhausted => (402, "Insufficient credit", "You have insufficient credit to run this model. Go to https://replicate.com/account/billing to purchase credit."),
            SimulatorFaultKind.Validation => (422, "Input validation failed", "- input.aspect_ratio: aspect_ratio must be one of the allowed values"),
            SimulatorFaultKind.RateLimited => (429, "Request was throttled", $"Request was throttled. Your rate limit resets in ~{Math.Max(1, seconds)}s."),
            SimulatorFaultKind.BadGateway => (502, "Bad gateway", "The upstream service failed"),
            SimulatorFaultKind.Unavailable => (503, "Service unavailable", "Replicate is temporarily unavailable"),
            _ => (500, "Internal server error", "Something went wrong"),
        };
        return WriteProblemAsync(context, new ReplicateProblem(null, title, status, detail));
    }

    /// <summary>Replicate's problem details for an input that fails the version's schema: one "- input.field: message" line per field.</summary>
    protected override Task WriteShapeErrorAsync(HttpContext context, IReadOnlyList<SchemaProblem> problems) =>
        WriteProblemAsync(context, new ReplicateProblem(null, "Input validation failed", 422, string.Join("\n", problems.Select(p => $"- input.{p.Field.Replace('/', '.')}: {p.Message}"))));

    /// <summary>Dispatches every request under <c>/replicate/v1/</c>.</summary>
    public Task RunAsync(HttpContext context)
    {
        var parts = context.Request.Path.Value!["/replicate/v1/".Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var post = HttpMethods.IsPost(context.Request.Method);
        return parts switch
        {
            ["models", var owner, var name, "predictions"] when post => CreateAsync(context, $"{owner}/{name}"),
            ["predictions", var id] when HttpMethods.IsGet(context.Request.Method) => GetAsync(context, id),
            ["predictions", var id, "cancel"] when post => CancelAsync(context, id),
            _ => WriteProblemAsync(context, new ReplicateProblem(null, "Not found", 404, "The requested resource could not be found")),
        };
    }

    private async Task CreateAsync(HttpContext context, string model)
    {
        var scope = await BeginAsync(context, "create").ConfigureAwait(false);
        if (scope is null)
        {
            return;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var input = body is { } b && b.TryGetProperty("input", out var i) && i.ValueKind == JsonValueKind.Object ? i : (JsonElement?)null;
        if (!await CheckShapeAsync(context, "replicate", model, input).ConfigureAwait(false))
        {
            return;
        }

        var (spec, error) = model == Flux3Model ? ParseFlux3(input, scope.Outcome) : Parse(model, input, scope.Outcome);
        if (spec is null)
        {
            await WriteProblemAsync(context, new ReplicateProblem(null, "Input validation failed", 422, error!)).ConfigureAwait(false);
            return;
        }

        if (!await TryAcquireSlotAsync(context, scope).ConfigureAwait(false))
        {
            return;
        }

        var id = NewPredictionId();
        var job = Engine.StartJob(id, Name, model, scope.ApiKey, spec, scope.Latency, input!.Value.GetRawText());
        var wait = PreferWait(context.Request.Headers["Prefer"].ToString());
        if (wait is { } timeout)
        {
            await Engine.WaitFinishedAsync(job, timeout, context.RequestAborted).ConfigureAwait(false);
        }

        context.Response.Headers.Location = GetUrl(id);
        await WriteJsonAsync(context, 201, Prediction(job), SimulatorJsonContext.Default.ReplicatePrediction, scope.Malformed).ConfigureAwait(false);
    }

    private async Task GetAsync(HttpContext context, string id)
    {
        var scope = await BeginAsync(context, "get").ConfigureAwait(false);
        if (scope is null)
        {
            return;
        }

        if (!Engine.Jobs.TryGetValue(id, out var job) || job.Dialect != Name)
        {
            await WriteProblemAsync(context, new ReplicateProblem(null, "Not found", 404, "The requested prediction was not found")).ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(context, 200, Prediction(job), SimulatorJsonContext.Default.ReplicatePrediction, scope.Malformed).ConfigureAwait(false);
    }

    private async Task CancelAsync(HttpContext context, string id)
    {
        var scope = await BeginAsync(context, "cancel").ConfigureAwait(false);
        if (scope is null)
        {
            return;
        }

        if (!Engine.Jobs.TryGetValue(id, out var job) || job.Dialect != Name)
        {
            await WriteProblemAsync(context, new ReplicateProblem(null, "Not found", 404, "The requested prediction was not found")).ConfigureAwait(false);
            return;
        }

        var startedBefore = job.Status != SimulatorJobStatus.Queued;
        if (job.TryCancel())
        {
            job.CancelledBeforeStart = !startedBefore;
        }

        await WriteJsonAsync(context, 200, Prediction(job), SimulatorJsonContext.Default.ReplicatePrediction, scope.Malformed).ConfigureAwait(false);
    }

    private ReplicatePrediction Prediction(SimulatorJob job)
    {
        var klein = job.Model.Contains("klein", StringComparison.OrdinalIgnoreCase);
        var status = job.Status switch
        {
            SimulatorJobStatus.Queued => "starting",
            SimulatorJobStatus.InProgress => "processing",
            SimulatorJobStatus.Completed => "succeeded",
            SimulatorJobStatus.Failed => "failed",
            _ => job.CancelledBeforeStart ? "aborted" : "canceled",
        };
        JsonNode? output = null;
        if (job.Status == SimulatorJobStatus.Completed)
        {
            output = klein
                ? new JsonArray(job.Images.Select(i => (JsonNode?)JsonValue.Create(i.Url)).ToArray())
                : job.Images.Count > 0 ? JsonValue.Create(job.Images[0].Url) : null;
        }

        var error = job.Status != SimulatorJobStatus.Failed ? null
            : job.Outcome is SimulatorFaultKind.ContentPolicy or SimulatorFaultKind.Moderated
                ? "The input or output was flagged as sensitive. Please try again with different inputs. (E005)"
                : "Prediction failed: the model crashed while generating (simulated).";
        var logs = job.Status == SimulatorJobStatus.Queued ? string.Empty : $"Using seed: {job.Spec.Seed}\nGenerating image...\n";
        var predict = job.StartedAt is { } s && job.CompletedAt is { } c ? Math.Round((c - s).TotalSeconds, 3) : (double?)null;
        var total = job.CompletedAt is { } done ? Math.Round((done - job.CreatedAt).TotalSeconds, 3) : (double?)null;
        using var input = JsonDocument.Parse(job.Extra ?? "{}");
        return new ReplicatePrediction(
            job.Id,
            job.Model,
            Version,
            input.RootElement.Clone(),
            output,
            logs,
            error,
            status,
            Iso(job.CreatedAt),
            job.StartedAt is { } started ? Iso(started) : null,
            job.CompletedAt is { } completed ? Iso(completed) : null,
            new ReplicateMetrics(predict, total),
            new ReplicateUrls(GetUrl(job.Id), GetUrl(job.Id) + "/cancel", new Uri(Engine.BaseUrl, $"replicate/v1/predictions/{job.Id}/stream").ToString(), $"https://replicate.com/p/{job.Id}"));
    }

    private static (GenerationSpec? Spec, string? Error) Parse(string model, JsonElement? body, SimulatorFaultKind? outcome)
    {
        if (body is not { } input)
        {
            return (null, "- input: input is required");
        }

        if (InputReader.String(input, "prompt") is not { Length: > 0 } prompt)
        {
            return (null, "- input: prompt is required");
        }

        if (model.Contains("klein", StringComparison.Ordinal))
        {
            return ParseKlein(input, prompt, outcome);
        }

        var maxSide = model.EndsWith("flux-2-dev", StringComparison.Ordinal) ? 1440 : 2048;

        var aspect = InputReader.String(input, "aspect_ratio") ?? "1:1";
        var resolution = InputReader.String(input, "resolution") ?? "1 MP";
        if (resolution is not ("0.5 MP" or "1 MP" or "2 MP" or "3 MP" or "4 MP"))
        {
            return (null, "- input.resolution: resolution must be one of the following: \"0.5 MP\", \"1 MP\", \"2 MP\", \"3 MP\", \"4 MP\"");
        }

        int width, height;
        if (aspect == "custom")
        {
            if (!InputReader.TryInt64(input, "width", out var w) || !InputReader.TryInt64(input, "height", out var h) || w is null || h is null
                || w < 256 || w > maxSide || h < 256 || h > maxSide)
            {
                return (null, $"- input.width: width and height (256..{maxSide}) are required when aspect_ratio is custom");
            }

            (width, height) = ((int)w, (int)h);
        }
        else if (aspect == "match_input_image")
        {
            (width, height) = (1024, 1024);
        }
        else if (Ratio(aspect) is { } ratio)
        {
            var megapixels = double.Parse(resolution.Split(' ')[0], CultureInfo.InvariantCulture);
            var total = megapixels * 1024 * 1024;
            width = RoundTo16(Math.Sqrt(total * ratio));
            height = RoundTo16(width / ratio);
        }
        else
        {
            return (null, "- input.aspect_ratio: aspect_ratio must be one of the following: \"1:1\", \"16:9\", \"3:2\", \"2:3\", \"4:5\", \"5:4\", \"9:16\", \"3:4\", \"4:3\", \"custom\", \"match_input_image\"");
        }

        var format = SimImageFormat.Webp;
        if (InputReader.Has(input, "output_format") && !SimImageFormats.TryParse(InputReader.String(input, "output_format"), out format))
        {
            return (null, "- input.output_format: output_format must be one of the following: \"webp\", \"jpg\", \"png\"");
        }

        if (!InputReader.TryInt64(input, "seed", out var seed))
        {
            return (null, "- input.seed: Invalid type. Expected: integer");
        }

        return (new GenerationSpec(prompt, seed ?? SimulatorEngine.RandomSeed(), width, height, format, 1, outcome), null);
    }

    /// <summary>
    /// FLUX 3 Image: <c>images</c> (up to 10), <c>aspect_ratio</c> (auto, the default, follows the first image, else 1:1),
    /// <c>resolution</c> tier (1k by default), <c>grounding</c>, <c>safety_tolerance</c> 0..4, <c>output_format</c> (webp,
    /// the simulator's default: Replicate does not publish one), <c>output_quality</c>. No seed: the model picks it.
    /// </summary>
    private (GenerationSpec? Spec, string? Error) ParseFlux3(JsonElement? body, SimulatorFaultKind? outcome)
    {
        if (body is not { } input || InputReader.String(input, "prompt") is not { Length: > 0 } prompt)
        {
            return (null, "- input: prompt is required");
        }

        var images = input.TryGetProperty("images", out var list) && list.ValueKind == JsonValueKind.Array ? Flux3References.Read(input, "images") : [];
        if (images is null || images.Count > 10)
        {
            return (null, "- input.images: images is a list of at most 10 image URLs");
        }

        var aspect = InputReader.String(input, "aspect_ratio") ?? "auto";
        if (aspect != "auto" && !Flux3Sizes.AspectRatios.Contains(aspect, StringComparer.Ordinal))
        {
            return (null, $"- input.aspect_ratio: aspect_ratio must be one of the following: \"auto\", {string.Join(", ", Flux3Sizes.AspectRatios.Select(r => $"\"{r}\""))}");
        }

        var resolution = InputReader.String(input, "resolution") ?? "1k";
        if (resolution is not ("768sq" or "1k" or "1.5k" or "2k" or "4k") || !Flux3Sizes.TryMegapixels(resolution, megapixelPresets: false, out var megapixels))
        {
            return (null, "- input.resolution: resolution must be one of the following: \"768sq\", \"1k\", \"1.5k\", \"2k\", \"4k\"");
        }

        var format = SimImageFormat.Webp;
        if (InputReader.Has(input, "output_format") && !(InputReader.String(input, "output_format") is "webp" or "jpg" or "png" && SimImageFormats.TryParse(InputReader.String(input, "output_format"), out format)))
        {
            return (null, "- input.output_format: output_format must be one of the following: \"webp\", \"jpg\", \"png\"");
        }

        var first = images.Count > 0 ? Flux3References.Measure(Engine, images[0]) : null;
        var ratio = aspect == "auto" ? first is { } size ? Flux3Sizes.Nearest(size.Width, size.Height) : "1:1" : aspect;
        var (width, height) = Flux3Sizes.Size(ratio, megapixels);
        return (new GenerationSpec(prompt, SimulatorEngine.RandomSeed(), width, height, format, 1, outcome), null);
    }

    /// <summary>klein: <c>images</c>, an aspect ratio and <c>output_megapixels</c> (a number or a numeric string); jpg by default.</summary>
    private static (GenerationSpec? Spec, string? Error) ParseKlein(JsonElement input, string prompt, SimulatorFaultKind? outcome)
    {
        var aspect = InputReader.String(input, "aspect_ratio") ?? "1:1";
        double megapixels = 1;
        if (input.TryGetProperty("output_megapixels", out var mp) && mp.ValueKind != JsonValueKind.Null
            && !(mp.ValueKind == JsonValueKind.Number && mp.TryGetDouble(out megapixels))
            && !(mp.ValueKind == JsonValueKind.String && double.TryParse(mp.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out megapixels)))
        {
            return (null, "- input.output_megapixels: output_megapixels must be one of 0.25, 0.5, 1, 2, 4");
        }

        if (AspectSize.Of(aspect == "match_input_image" ? "1:1" : aspect, megapixels) is not { } size)
        {
            return (null, "- input.aspect_ratio: aspect_ratio must be one of the allowed values");
        }

        var format = SimImageFormat.Jpeg;
        if (InputReader.Has(input, "output_format") && !SimImageFormats.TryParse(InputReader.String(input, "output_format"), out format))
        {
            return (null, "- input.output_format: output_format must be one of the following: \"webp\", \"jpg\", \"png\"");
        }

        if (!InputReader.TryInt64(input, "seed", out var seed))
        {
            return (null, "- input.seed: Invalid type. Expected: integer");
        }

        return (new GenerationSpec(prompt, seed ?? SimulatorEngine.RandomSeed(), size.Width, size.Height, format, 1, outcome), null);
    }

    private static double? Ratio(string aspect)
    {
        var parts = aspect.Split(':');
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var b) && a > 0 && b > 0
            ? a / b
            : null;
    }

    private static int RoundTo16(double value) => Math.Max(16, (int)Math.Round(value / 16) * 16);

    /// <summary>Parses <c>Prefer: wait</c> (60 s) or <c>wait=N</c>; null when the client does not want to wait.</summary>
    private static TimeSpan? PreferWait(string prefer)
    {
        foreach (var token in prefer.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.Equals("wait", StringComparison.OrdinalIgnoreCase))
            {
                return TimeSpan.FromSeconds(60);
            }

            if (token.StartsWith("wait=", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(token[5..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            {
                return TimeSpan.FromSeconds(Math.Min(seconds, 60));
            }
        }

        return null;
    }

    private static string NewPredictionId()
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        Span<byte> bytes = stackalloc byte[26];
        Random.Shared.NextBytes(bytes);
        Span<char> chars = stackalloc char[26];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[bytes[i] % Alphabet.Length];
        }

        return new string(chars);
    }

    private string GetUrl(string id) => new Uri(Engine.BaseUrl, $"replicate/v1/predictions/{id}").ToString();

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    private static Task WriteProblemAsync(HttpContext context, ReplicateProblem problem) =>
        WriteJsonAsync(context, problem.Status, problem, SimulatorJsonContext.Default.ReplicateProblem, contentType: "application/problem+json");
}
