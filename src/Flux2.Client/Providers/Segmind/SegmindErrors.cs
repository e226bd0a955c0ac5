using System.Text.Json;

namespace Flux2.Client;

/// <summary>Reads Segmind's error bodies (<c>{"error":"…"}</c>) into typed errors; 406 means the account is out of credits.</summary>
internal static class SegmindErrors
{
    /// <summary>
    /// Segmind's rules. A generation answered 429, 500, 502 or 503 is sent again: Segmind's status-code table marks a 500 as not
    /// billed (https://docs.segmind.com/docs/serverless-api, "API error codes"). The v1 call is synchronous: there is no job to cancel.
    /// </summary>
    public static Flux2ProviderRules Rules { get; } = new(
        [429, 500, 502, 503],
        "Segmind does not bill a 500");

    /// <summary>Refines the generic status mapping with Segmind's message.</summary>
    public static Flux2Exception? Refine(Flux2HttpError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        JsonElement? body = Flux2JsonText.TryParse(error.Body);
        string? message = Flux2JsonText.Join(Flux2JsonText.Property(body, "error"))
            ?? Flux2JsonText.Join(Flux2JsonText.Property(body, "message"))
            ?? Flux2JsonText.Join(Flux2JsonText.Property(body, "detail"));
        string said = message is not null ? $": {message}" : (Flux2ProviderHttp.Snippet(error.Body) is { Length: > 0 } s ? $": {s}" : "");

        if (error.Status is >= 400 and < 500 && error.Status is not (406 or 429) && IsSafety(message))
        {
            return error.CreateContentFiltered($"Segmind's safety filter refused the request ({error.Status}){said}. Rephrase the prompt, change the reference images, or raise safety_tolerance.", [message!], inputRefused: true);
        }

        return error.Status switch
        {
            401 => error.Create(Flux2ErrorKind.Authentication, $"Segmind rejected the API key (401){said}. Check SEGMIND_API_KEY or Flux2:Providers:Segmind:ApiKey."),
            402 or 406 => error.Create(Flux2ErrorKind.InsufficientCredits, $"The Segmind account does not have enough credits ({error.Status}){said}. Add credits at https://cloud.segmind.com or choose another provider."),
            403 => error.Create(Flux2ErrorKind.PermissionDenied, $"Segmind refused the request (403){said}. The key may not be allowed to use this model."),
            404 or 405 => error.Create(Flux2ErrorKind.Unsupported, $"Segmind does not serve this model at this path ({error.Status}){said}. Check the model, or Flux2:Providers:Segmind:BaseUrl."),
            400 or 422 => error.Create(Flux2ErrorKind.ProviderValidation, $"Segmind rejected the input ({error.Status}){said}. Change the named parameter and try again."),
            429 => error.Create(Flux2ErrorKind.RateLimited, $"Segmind is rate limiting requests (429; 5 per minute on free accounts, 50 on pro){said}. Wait {(error.RetryAfter is { } r ? $"{r.TotalSeconds:0.#} s" : "a minute")} or lower Flux2:Providers:Segmind:MaxConcurrency."),
            _ when message is not null && error.DefaultKind is Flux2ErrorKind.ProviderUnavailable or Flux2ErrorKind.Timeout
                => error.Create(error.DefaultKind, $"Segmind failed ({error.Status}){said}{error.Tries}. Try again later or configure Flux2:Failover with another provider."),
            _ => null,
        };
    }

    private static bool IsSafety(string? message) =>
        message is not null
        && (message.Contains("nsfw", StringComparison.OrdinalIgnoreCase)
            || message.Contains("moderat", StringComparison.OrdinalIgnoreCase)
            || message.Contains("content policy", StringComparison.OrdinalIgnoreCase)
            || message.Contains("safety", StringComparison.OrdinalIgnoreCase));
}
