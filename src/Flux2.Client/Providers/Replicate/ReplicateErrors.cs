using System.Text.Json;

namespace Flux2.Client;

/// <summary>Reads Replicate's problem-details bodies (<c>{"type","title","status","detail"}</c>) and failed predictions into typed errors.</summary>
internal static class ReplicateErrors
{
    /// <summary>
    /// Replicate's rules. A create is sent again only after 429, 502 or 503: Replicate offers no idempotency key, documents no
    /// 5xx as safe to repeat (https://replicate.com/docs/reference/http), and its own client repeats a non-GET request only after
    /// a 429 (replicate-javascript, lib/util.js); a create answered 500 may have started a prediction. A prediction given up on is
    /// cancelled through its <c>urls.cancel</c>.
    /// </summary>
    public static Flux2ProviderRules Rules { get; } = new(
        [429, 502, 503],
        "Replicate has no idempotency key and documents no 5xx as safe to repeat");

    /// <summary>Refines an unsuccessful create; a 404 there means the model path is wrong, not that a result expired.</summary>
    public static Flux2Exception? RefineCreate(Flux2HttpError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Status == 404)
        {
            return error.Create(Flux2ErrorKind.Unsupported, $"Replicate does not know this model (404){Said(error)}. Check the model name, or Flux2:Providers:Replicate:BaseUrl.");
        }

        return Refine(error);
    }

    /// <summary>Refines any unsuccessful Replicate response with its problem details.</summary>
    public static Flux2Exception? Refine(Flux2HttpError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        JsonElement? body = Flux2JsonText.TryParse(error.Body);
        string? title = Flux2JsonText.String(body, "title");
        string said = Said(error);
        string? text = Flux2JsonText.Join(body);
        if (error.Status is >= 400 and < 500 && IsSafetyMessage(text))
        {
            return error.CreateContentFiltered($"Replicate's safety system refused the request ({error.Status}){said}. Rephrase the prompt, change the reference images, or raise safety_tolerance.", text is null ? null : [text], inputRefused: true, title);
        }

        return error.Status switch
        {
            401 => error.Create(Flux2ErrorKind.Authentication, $"Replicate rejected the API token (401){said}. Check REPLICATE_API_TOKEN or Flux2:Providers:Replicate:ApiKey.", title),
            402 => error.Create(Flux2ErrorKind.InsufficientCredits, $"The Replicate account cannot pay for this prediction (402){said}. Set up billing or add credit at https://replicate.com/account/billing.", title),
            403 => error.Create(Flux2ErrorKind.PermissionDenied, $"Replicate refused the request (403){said}. The token may not be allowed to run this model.", title),
            400 or 422 => error.Create(Flux2ErrorKind.ProviderValidation, $"Replicate rejected the input ({error.Status}){said}. Change the named field and try again.", title, ParameterOf(text)),
            429 => error.Create(Flux2ErrorKind.RateLimited, $"Replicate is throttling requests (429){said}. Wait {(error.RetryAfter is { } r ? $"{r.TotalSeconds:0.#} s" : "a little")} or lower Flux2:Providers:Replicate:MaxConcurrency.", title),
            _ => null,
        };
    }

    /// <summary>The error of a prediction that ended <c>failed</c>.</summary>
    public static Flux2Exception Failed(ReplicatePrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        string? message = Flux2JsonText.Join(prediction.Error);
        string said = message is null ? "" : $": {message}";
        if (IsSafetyMessage(message))
        {
            return new Flux2ContentFilteredException($"Replicate's safety filter flagged the prediction{said}. Rephrase the prompt or raise safety_tolerance.", [message!])
            { Provider = Flux2Providers.Replicate, RequestId = prediction.Id, ProviderErrorType = "failed" };
        }

        return new Flux2Exception(Flux2ErrorKind.JobFailed, $"The Replicate prediction failed{said}. Try again; a different seed, size or prompt may help.")
        { Provider = Flux2Providers.Replicate, RequestId = prediction.Id, ProviderErrorType = "failed" };
    }

    /// <summary>True when a message reads like a safety refusal (NSFW, sensitive content, flagged).</summary>
    public static bool IsSafetyMessage(string? message) =>
        message is not null
        && (message.Contains("nsfw", StringComparison.OrdinalIgnoreCase)
            || message.Contains("sensitive", StringComparison.OrdinalIgnoreCase)
            || message.Contains("flagged", StringComparison.OrdinalIgnoreCase)
            || message.Contains("content policy", StringComparison.OrdinalIgnoreCase)
            || message.Contains("moderat", StringComparison.OrdinalIgnoreCase));

    private static string Said(Flux2HttpError error)
    {
        JsonElement? body = Flux2JsonText.TryParse(error.Body);
        string? detail = Flux2JsonText.String(body, "detail") ?? Flux2JsonText.Join(body);
        string text = detail ?? Flux2ProviderHttp.Snippet(error.Body);
        return text.Length > 0 ? $": {text}" : "";
    }

    private static string? ParameterOf(string? text)
    {
        // Replicate names the field first: "input.width: Must be less than or equal to 2048".
        if (text is null)
        {
            return null;
        }

        int start = text.IndexOf("input.", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += "input.".Length;
        int end = start;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }

        return end > start ? text[start..end] : null;
    }
}
