namespace Flux2.Client;

/// <summary>Reads Together's error envelope <c>{"error":{"message","type","param","code"}}</c> into typed errors.</summary>
internal static class TogetherErrors
{
    /// <summary>
    /// Together's rules. A generation answered 429, 500, 502 or 503 is sent again: Together's error-code table says of 500
    /// "Please try again" and of 503 "try again after a brief wait" (https://docs.together.ai/docs/error-codes). The call is
    /// synchronous: there is no job to cancel.
    /// </summary>
    public static Flux2ProviderRules Rules { get; } = new(
        [429, 500, 502, 503],
        "Together's error codes say to try a 500 or 503 again");

    /// <summary>Refines the generic status mapping with Together's message, type, param and code.</summary>
    public static Flux2Exception? Refine(Flux2HttpError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        TogetherError? body = null;
        try
        {
            body = System.Text.Json.JsonSerializer.Deserialize(error.Body, TogetherJsonContext.Default.TogetherErrorBody)?.Error;
        }
        catch (System.Text.Json.JsonException)
        {
            // Not Together's envelope (a proxy page, plain text): the generic mapping keeps the snippet.
        }

        string? message = body?.Message;
        string? code = body?.Code is { } c ? (c.ValueKind == System.Text.Json.JsonValueKind.String ? c.GetString() : c.GetRawText()) : null;
        string? type = body?.Type ?? code;
        string said = message is null ? (Flux2ProviderHttp.Snippet(error.Body) is { Length: > 0 } s ? $": {s}" : "") : $": {message}";

        if (IsSafety(message, type, code))
        {
            return error.CreateContentFiltered($"Together's safety checker refused the request ({error.Status}){said}. Rephrase the prompt or change the reference images.", message is null ? null : [message], inputRefused: true, type);
        }

        return error.Status switch
        {
            401 => error.Create(Flux2ErrorKind.Authentication, $"Together rejected the API key (401){said}. Check TOGETHER_API_KEY or Flux2:Providers:Together:ApiKey.", type),
            402 => error.Create(Flux2ErrorKind.InsufficientCredits, $"The Together account is out of credit (402){said}. Add credit at https://api.together.ai/settings/billing or choose another provider.", type),
            403 => error.Create(Flux2ErrorKind.PermissionDenied, $"Together refused the request (403){said}. The key may not be allowed to use this model.", type),
            404 => error.Create(Flux2ErrorKind.Unsupported, $"Together does not serve this model or path (404){said}. Check the model, or Flux2:Providers:Together:BaseUrl.", type),
            400 or 422 => error.Create(Flux2ErrorKind.ProviderValidation, $"Together rejected the input ({error.Status}){said}. Change {(body?.Param is { Length: > 0 } p ? $"'{p}'" : "the named parameter")} and try again.", type, body?.Param),
            429 => error.Create(Flux2ErrorKind.RateLimited, $"Together is rate limiting requests (429){said}. Wait {(error.RetryAfter is { } r ? $"{r.TotalSeconds:0.#} s" : "a little")} or lower Flux2:Providers:Together:MaxConcurrency.", type),
            _ when message is not null && error.DefaultKind is Flux2ErrorKind.ProviderUnavailable or Flux2ErrorKind.Timeout
                => error.Create(error.DefaultKind, $"Together failed ({error.Status}){said}{error.Tries}. Try again later or configure Flux2:Failover with another provider.", type),
            _ => null,
        };
    }

    private static bool IsSafety(string? message, string? type, string? code)
    {
        foreach (string? text in (string?[])[type, code])
        {
            if (text is not null && (text.Contains("nsfw", StringComparison.OrdinalIgnoreCase) || text.Contains("content_policy", StringComparison.OrdinalIgnoreCase) || text.Contains("safety", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return message is not null && (message.Contains("nsfw", StringComparison.OrdinalIgnoreCase) || message.Contains("content policy", StringComparison.OrdinalIgnoreCase) || message.Contains("safety", StringComparison.OrdinalIgnoreCase));
    }
}
