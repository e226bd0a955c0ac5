using System.Globalization;
using Flux2.Simulator.Hosting;
using Flux2.Simulator.Imaging;

namespace Flux2.Simulator.Dialects.Bfl;

/// <summary>
/// Black Forest Labs' API (https://api.bfl.ai): submit, poll via polling_url (on another host name), get_result, credits.
/// FLUX.2 and the FLUX 3 family share the flow; FLUX 3 polls walk Pending, Reasoning, Generating (with progress), Ready,
/// and report the expanded prompt, the model's seed and the cost. Every output carries C2PA Content Credentials.
/// </summary>
internal sealed class BflDialect : DialectBase
{
    private static readonly string[] Models =
    [
        "flux-2-pro", "flux-2-max", "flux-2-flex", "flux-2-klein-4b", "flux-2-klein-9b", "flux-2-pro-preview", "flux-2-klein-9b-preview",
        "flux-2-klein-4b-finetuned", "flux-2-klein-9b-finetuned", "flux-2-klein-9b-kv-finetuned", "flux-2-klein-9b-kv-bf16-finetuned",
        "flux-2-klein-base-4b-finetuned", "flux-2-klein-base-9b-finetuned", .. BflFlux3Inputs.Models,
    ];
    private readonly Lock _creditsGate = new();
    private double _credits = 10_000;

    public BflDialect(SimulatorEngine engine)
        : base(engine)
    {
    }

    public override string Name => "bfl";

    protected override string? ReadApiKey(HttpRequest request) =>
        request.Headers["x-key"].ToString().Trim() is { Length: > 0 } key ? key : null;

    protected override Task WriteErrorAsync(HttpContext context, SimulatorFaultKind kind, TimeSpan? retryAfter)
    {
        switch (kind)
        {
            case SimulatorFaultKind.Validation:
                return WriteJsonAsync(context, 422, new BflValidationError([new(["body", "width"], "Input should be a multiple of 16", "value_error")]), SimulatorJsonContext.Default.BflValidationError);
            case SimulatorFaultKind.RateLimited:
                SetRetryAfter(context.Response, retryAfter);
                break;
        }

        var (status, detail) = kind switch
        {
            SimulatorFaultKind.Unauthorized => (401, "Not authenticated: a valid x-key header is required."),
            SimulatorFaultKind.PaymentRequired or SimulatorFaultKind.CreditsExhausted => (402, "Insufficient credits. Add credits at https://dashboard.bfl.ai."),
            SimulatorFaultKind.RateLimited => (429, "You have exceeded the number of active tasks (24). Wait for a task to finish."),
            SimulatorFaultKind.BadGateway => (502, "Bad gateway"),
            SimulatorFaultKind.Unavailable => (503, "Service temporarily unavailable"),
            _ => (500, "Internal server error"),
        };
        return WriteJsonAsync(context, status, new BflError(detail), SimulatorJsonContext.Default.BflError);
    }

    /// <summary>BFL's 422: <c>{"detail":[{"loc","msg","type"}]}</c>.</summary>
    protected override Task WriteShapeErrorAsync(HttpContext context, IReadOnlyList<SchemaProblem> problems) =>
        WriteJsonAsync(context, 422, new BflValidationError([.. problems.Select(p => new BflValidationItem(["body", .. p.Field.Split('/')], p.Message, "value_error"))]), SimulatorJsonContext.Default.BflValidationError);

    /// <summary>Handles <c>POST /bfl/v1/{model}</c>.</summary>
    public async Task SubmitAsync(HttpContext context)
    {
        var model = context.Request.Path.Value!["/bfl/v1/".Length..].Trim('/');
        var scope = await BeginAsync(context, "submit").ConfigureAwait(false);
        if (scope is null)
        {
            return;
        }

        if (!Models.Contains(model, StringComparer.Ordinal))
        {
            await WriteJsonAsync(context, 404, new BflError("Not Found"), SimulatorJsonContext.Default.BflError).ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var flux3 = BflFlux3Inputs.IsFlux3(model);

        // FLUX 3's own rules come first (strict fields, bounding boxes), in words that name what is allowed; the schema
        // check then sees only bodies those rules accept. FLUX.2 bodies meet the schema first, as before.
        if (!flux3 && !await CheckShapeAsync(context, "bfl", model, body).ConfigureAwait(false))
        {
            return;
        }

        var (spec, problems, inputMp) = flux3 ? BflFlux3Inputs.Parse(Engine, model, body, scope.Outcome) : Parse(body, scope.Outcome);
        if (spec is null)
        {
            var items = problems.Select(p => new BflValidationItem(["body", .. p.Location], p.Message, p.Type)).ToList();
            await WriteJsonAsync(context, 422, new BflValidationError(items), SimulatorJsonContext.Default.BflValidationError).ConfigureAwait(false);
            return;
        }

        if (flux3 && !await CheckShapeAsync(context, "bfl", model, body).ConfigureAwait(false))
        {
            return;
        }

        if (!await TryAcquireSlotAsync(context, scope).ConfigureAwait(false))
        {
            return;
        }

        var id = Guid.NewGuid().ToString();
        var outputMp = Math.Round(spec.Width * spec.Height / 1_000_000.0, 2);
        var cost = flux3 ? BflFlux3Inputs.Cost(model, spec.Width, spec.Height) : Cost(model, outputMp, inputMp);
        var job = Engine.StartJob(id, Name, model, scope.ApiKey, spec, scope.Latency, cost.ToString(CultureInfo.InvariantCulture));
        var polling = new Uri(Engine.AlternateBaseUrl, $"bfl/v1/get_result?id={job.Id}").ToString();
        await WriteJsonAsync(context, 200, new BflSubmitResponse(job.Id, polling, cost, inputMp, outputMp), SimulatorJsonContext.Default.BflSubmitResponse, scope.Malformed).ConfigureAwait(false);
    }

    /// <summary>Handles <c>GET /bfl/v1/get_result?id=</c>.</summary>
    public async Task PollAsync(HttpContext context)
    {
        var scope = await BeginAsync(context, "poll").ConfigureAwait(false);
        if (scope is null)
        {
            return;
        }

        var id = context.Request.Query["id"].ToString();
        if (!Engine.Jobs.TryGetValue(id, out var job) || job.Dialect != Name)
        {
            await WriteJsonAsync(context, 404, new BflPollResponse(id, "Task not found"), SimulatorJsonContext.Default.BflPollResponse, scope.Malformed).ConfigureAwait(false);
            return;
        }

        var answer = job.Status switch
        {
            SimulatorJobStatus.Queued when BflFlux3Inputs.IsFlux3(job.Model) => new BflPollResponse(job.Id, "Pending"),
            SimulatorJobStatus.InProgress when BflFlux3Inputs.IsFlux3(job.Model) => Flux3Running(job),
            SimulatorJobStatus.Queued or SimulatorJobStatus.InProgress => new BflPollResponse(job.Id, "Pending", Progress: Math.Round(job.Progress, 2)),
            SimulatorJobStatus.Completed => Ready(job),
            _ => Failed(job),
        };
        await WriteJsonAsync(context, 200, answer, SimulatorJsonContext.Default.BflPollResponse, scope.Malformed).ConfigureAwait(false);
    }

    /// <summary>Handles <c>GET /bfl/v1/credits</c>.</summary>
    public async Task CreditsAsync(HttpContext context)
    {
        var scope = await BeginAsync(context, "credits").ConfigureAwait(false);
        if (scope is null)
        {
            return;
        }

        double credits;
        lock (_creditsGate)
        {
            credits = _credits;
        }

        await WriteJsonAsync(context, 200, new BflCredits(Math.Round(credits, 2)), SimulatorJsonContext.Default.BflCredits, scope.Malformed).ConfigureAwait(false);
    }

    private BflPollResponse Ready(SimulatorJob job)
    {
        var image = job.Images.Count > 0 ? job.Images[0] : null;
        var start = (job.StartedAt ?? job.CreatedAt).ToUnixTimeMilliseconds() / 1000.0;
        var end = (job.CompletedAt ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds() / 1000.0;
        if (Interlocked.Exchange(ref job.Charged, 1) == 0)
        {
            lock (_creditsGate)
            {
                _credits -= double.Parse(job.Extra!, CultureInfo.InvariantCulture);
            }
        }

        var sample = image is null ? null : $"{image.Url}?se={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(10).ToString("O", CultureInfo.InvariantCulture))}&sig=simulated";
        double? cost = BflFlux3Inputs.IsFlux3(job.Model) ? double.Parse(job.Extra!, CultureInfo.InvariantCulture) : null;
        return new BflPollResponse(job.Id, "Ready", new BflResult(sample, job.Spec.Prompt, job.Spec.Seed, start, end, Math.Round(end - start, 3), cost), 1.0, Cost: cost);
    }

    /// <summary>A running FLUX 3 task: Reasoning (the model expands and grounds the prompt) for the first half of its run (the run is 80 % of the latency, after 20 % queued), then Generating with progress.</summary>
    private static BflPollResponse Flux3Running(SimulatorJob job)
    {
        var running = DateTimeOffset.UtcNow - (job.StartedAt ?? job.CreatedAt);
        return running < job.Latency * 0.4
            ? new BflPollResponse(job.Id, "Reasoning")
            : new BflPollResponse(job.Id, "Generating", Progress: Math.Round(job.Progress, 2));
    }

    private static BflPollResponse Failed(SimulatorJob job) => job.Outcome switch
    {
        SimulatorFaultKind.ContentPolicy => new BflPollResponse(job.Id, "Request Moderated", Details: Reasons("Moderation Reasons", "Derivative Works Filter")),
        SimulatorFaultKind.Moderated or SimulatorFaultKind.NsfwFlagged => new BflPollResponse(job.Id, "Content Moderated", Details: Reasons("Moderation Reasons", "NSFW")),
        _ => new BflPollResponse(job.Id, "Error", Details: Reasons("Error", "The generation failed; retry the request.")),
    };

    private static Dictionary<string, IReadOnlyList<string>> Reasons(string key, string reason) => new() { [key] = [reason] };

    private static (GenerationSpec? Spec, IReadOnlyList<InputProblem> Problems, double InputMp) Parse(System.Text.Json.JsonElement? body, SimulatorFaultKind? outcome)
    {
        if (body is not { } input)
        {
            return (null, [new([], "Input should be a valid JSON object", "model_attributes_type")], 0);
        }

        if (InputReader.String(input, "prompt") is not { Length: > 0 } prompt)
        {
            return (null, [new(["prompt"], "Field required", "missing")], 0);
        }

        if (!InputReader.TryInt64(input, "width", out var w) || !InputReader.TryInt64(input, "height", out var h))
        {
            return (null, [new(["width"], "Input should be a valid integer", "int_type")], 0);
        }

        var width = (int)(w ?? 1024);
        var height = (int)(h ?? 1024);
        if (width < 64 || height < 64 || width % 16 != 0 || height % 16 != 0 || (long)width * height > 4L * 1024 * 1024)
        {
            return (null, [new([width % 16 != 0 || width < 64 ? "width" : "height"], "Width and height must be multiples of 16, at least 64, and at most 4 megapixels in total", "value_error")], 0);
        }

        var format = SimImageFormat.Jpeg;
        if (InputReader.Has(input, "output_format") && !SimImageFormats.TryParse(InputReader.String(input, "output_format"), out format))
        {
            return (null, [new(["output_format"], "Input should be 'jpeg', 'png' or 'webp'", "enum")], 0);
        }

        if (!InputReader.TryInt64(input, "safety_tolerance", out var tolerance) || tolerance is < 0 or > 5)
        {
            return (null, [new(["safety_tolerance"], "Input should be between 0 and 5", "less_than_equal")], 0);
        }

        if (!InputReader.TryInt64(input, "seed", out var seed))
        {
            return (null, [new(["seed"], "Input should be a valid integer", "int_type")], 0);
        }

        var images = 0;
        for (var i = 1; i <= 10; i++)
        {
            if (InputReader.Has(input, i == 1 ? "input_image" : $"input_image_{i}"))
            {
                images++;
            }
        }

        // NSFW on BFL surfaces as Content Moderated.
        var effective = outcome == SimulatorFaultKind.NsfwFlagged ? SimulatorFaultKind.Moderated : outcome;
        return (new GenerationSpec(prompt, seed ?? SimulatorEngine.RandomSeed(), width, height, format, 1, effective, ContentCredentials: true), [], images);
    }

    private static double Cost(string model, double outputMp, double inputMp)
    {
        var (first, perMp) = model switch
        {
            "flux-2-klein-4b" => (1.4, 0.1),
            "flux-2-klein-9b" => (1.5, 0.2),
            "flux-2-max" => (7.0, 3.0),
            "flux-2-flex" => (5.0, 5.0),
            _ => (3.0, 1.5),
        };
        var further = Math.Max(0, Math.Ceiling(outputMp - 0.0001) - 1);
        return Math.Round(first + (perMp * further) + (perMp * inputMp), 2);
    }
}
