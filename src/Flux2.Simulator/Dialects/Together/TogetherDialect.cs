using System.Text.Json;
using Flux2.Simulator.Hosting;
using Flux2.Simulator.Imaging;

namespace Flux2.Simulator.Dialects.Together;

/// <summary>Together AI's images endpoint: <c>POST /together/v1/images/generations</c> (URL or base64 results).</summary>
internal sealed class TogetherDialect : DialectBase
{
    public TogetherDialect(SimulatorEngine engine)
        : base(engine)
    {
    }

    public override string Name => "together";

    protected override string? ReadApiKey(HttpRequest request) => Bearer(request);

    protected override Task WriteErrorAsync(HttpContext context, SimulatorFaultKind kind, TimeSpan? retryAfter)
    {
        if (kind == SimulatorFaultKind.RateLimited)
        {
            SetRetryAfter(context.Response, retryAfter);
        }

        var (status, message, type, code) = kind switch
        {
            SimulatorFaultKind.Unauthorized => (401, "Invalid API key provided. You can find your API key at https://api.together.xyz/settings/api-keys.", "invalid_request_error", "invalid_api_key"),
            SimulatorFaultKind.PaymentRequired or SimulatorFaultKind.CreditsExhausted => (402, "Credit limit exceeded. Add credits at https://api.together.xyz/settings/billing.", "invalid_request_error", "credit_limit"),
            SimulatorFaultKind.Validation => (422, "width must be a multiple of 16 between 64 and 2048", "invalid_request_error", "invalid_parameter"),
            SimulatorFaultKind.ContentPolicy or SimulatorFaultKind.Moderated => (422, "The prompt was flagged by the safety checker. Change the prompt and try again.", "invalid_request_error", "content_policy_violation"),
            SimulatorFaultKind.RateLimited => (429, "You have exceeded your rate limit for this model. Retry after the time given in retry-after-ms.", "rate_limit_exceeded", "rate_limit_exceeded"),
            SimulatorFaultKind.BadGateway => (502, "Bad gateway", "server_error", (string?)null),
            SimulatorFaultKind.Unavailable => (503, "The model is temporarily unavailable", "server_error", null),
            _ => (500, "Internal server error while generating the image", "server_error", null),
        };
        return WriteJsonAsync(context, status, new TogetherError(new TogetherErrorBody(message, type, null, code)), SimulatorJsonContext.Default.TogetherError);
    }

    /// <summary>Together's error object, naming the first bad field as <c>param</c>.</summary>
    protected override Task WriteShapeErrorAsync(HttpContext context, IReadOnlyList<SchemaProblem> problems) =>
        WriteJsonAsync(context, 422, new TogetherError(new TogetherErrorBody(Describe(problems), "invalid_request_error", problems[0].Field, "invalid_parameter")), SimulatorJsonContext.Default.TogetherError);

    /// <summary>Handles <c>POST /together/v1/images/generations</c>.</summary>
    public async Task GenerateAsync(HttpContext context)
    {
        var scope = await BeginAsync(context, "generate").ConfigureAwait(false);
        if (scope is null)
        {
            return;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is { } json && !await CheckShapeAsync(context, "together", InputReader.String(json, "model") ?? string.Empty, body).ConfigureAwait(false))
        {
            return;
        }

        var (spec, error, model, base64) = Parse(body, scope.Outcome);
        if (spec is null)
        {
            await WriteJsonAsync(context, 400, new TogetherError(new TogetherErrorBody(error!.Value.Message, "invalid_request_error", error.Value.Param, "invalid_parameter")), SimulatorJsonContext.Default.TogetherError).ConfigureAwait(false);
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

        var data = images.Select((image, index) => base64
            ? new TogetherImage(index, "b64_json", B64Json: Convert.ToBase64String(image.Image.Bytes))
            : new TogetherImage(index, "url", image.Url)).ToList();
        var answer = new TogetherResponse($"sim-{SimulatorEngine.NewId()}", model, "list", data);
        await WriteJsonAsync(context, 200, answer, SimulatorJsonContext.Default.TogetherResponse, scope.Malformed).ConfigureAwait(false);
    }

    private static (GenerationSpec? Spec, (string Message, string Param)? Error, string Model, bool Base64) Parse(JsonElement? body, SimulatorFaultKind? outcome)
    {
        if (body is not { } input)
        {
            return (null, ("Request body must be a JSON object", "body"), string.Empty, false);
        }

        var model = InputReader.String(input, "model") ?? string.Empty;
        if (model.Length == 0)
        {
            return (null, ("model is required", "model"), model, false);
        }

        if (InputReader.String(input, "prompt") is not { Length: > 0 } prompt)
        {
            return (null, ("prompt is required", "prompt"), model, false);
        }

        if (!InputReader.TryInt64(input, "width", out var w) || !InputReader.TryInt64(input, "height", out var h)
            || w is < 64 or > 2048 || h is < 64 or > 2048)
        {
            return (null, ("width and height must be integers between 64 and 2048", "width"), model, false);
        }

        if (!InputReader.TryInt64(input, "n", out var n) || n is < 1 or > 4)
        {
            return (null, ("n must be between 1 and 4", "n"), model, false);
        }

        if (!InputReader.TryInt64(input, "seed", out var seed))
        {
            return (null, ("seed must be an integer", "seed"), model, false);
        }

        var format = SimImageFormat.Jpeg;
        if (InputReader.Has(input, "output_format") && !SimImageFormats.TryParse(InputReader.String(input, "output_format"), out format))
        {
            return (null, ("output_format must be jpeg or png", "output_format"), model, false);
        }

        var responseFormat = InputReader.String(input, "response_format") ?? "url";
        if (responseFormat is not ("url" or "base64" or "b64_json"))
        {
            return (null, ("response_format must be url or base64", "response_format"), model, false);
        }

        var spec = new GenerationSpec(prompt, seed ?? SimulatorEngine.RandomSeed(), (int)(w ?? 1024), (int)(h ?? 1024), format, (int)(n ?? 1), outcome);
        return (spec, null, model, responseFormat != "url");
    }
}
