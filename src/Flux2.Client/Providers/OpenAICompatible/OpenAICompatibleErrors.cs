using System.Text.Json;

namespace Flux2.Client;

/// <summary>Reads the error bodies of OpenAI-style endpoints (OpenAI's envelope and AIML API's flat shape) into typed errors.</summary>
internal static class OpenAICompatibleErrors
{
    /// <summary>
    /// AIML API's rules. A generation answered 429, 500, 502 or 503 is sent again: AIML's page on 5xx errors says of a 500
    /// "Retry the call" and of the class "Try making the call again in a few minutes"
    /// (https://docs.aimlapi.com/errors-and-messages/errors-with-status-code-5xx).
    /// </summary>
    public static Flux2ProviderRules AimlApiRules { get; } = new(
        [429, 500, 502, 503],
        "AIML API's 5xx page says to retry the call");

    /// <summary>The rules of one profile: AIML API's own; a generic OpenAI-compatible endpoint documents nothing, so only the conservative ones.</summary>
    public static Flux2ProviderRules RulesFor(OpenAICompatibleProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return string.Equals(profile.Name, Flux2Providers.AimlApi, StringComparison.OrdinalIgnoreCase) ? AimlApiRules : Flux2ProviderRules.Conservative;
    }

    /// <summary>A refiner for one profile.</summary>
    public static Flux2ErrorRefiner For(OpenAICompatibleProfile profile) => error => Refine(profile, error);

    /// <summary>Refines the generic status mapping with the endpoint's message.</summary>
    public static Flux2Exception? Refine(OpenAICompatibleProfile profile, Flux2HttpError error)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(error);
        JsonElement? body = Flux2JsonText.TryParse(error.Body);
        JsonElement? envelope = Flux2JsonText.Property(body, "error");
        string? message = Flux2JsonText.Join(envelope is { ValueKind: JsonValueKind.Object } ? Flux2JsonText.Property(envelope, "message") : envelope)
            ?? Flux2JsonText.Join(Flux2JsonText.Property(body, "message"))
            ?? Flux2JsonText.Join(Flux2JsonText.Property(body, "detail"));
        string? type = Flux2JsonText.String(envelope, "type") ?? Flux2JsonText.String(envelope, "code");
        string? parameter = Flux2JsonText.String(envelope, "param");
        string said = message is not null ? $": {message}" : (Flux2ProviderHttp.Snippet(error.Body) is { Length: > 0 } s ? $": {s}" : "");
        string name = profile.DisplayName;
        string config = $"Flux2:Providers:{profile.Name}";

        if (error.Status is >= 400 and < 500 && error.Status != 429 && IsSafety(message, type))
        {
            return error.CreateContentFiltered($"{name}'s safety system refused the request ({error.Status}){said}. Rephrase the prompt, change the reference images, or raise safety_tolerance.", message is null ? null : [message], inputRefused: true, type);
        }

        return error.Status switch
        {
            401 => error.Create(Flux2ErrorKind.Authentication, $"{name} rejected the API key (401){said}. Check {profile.KeyVariable} or {config}:ApiKey.", type),
            402 => error.Create(Flux2ErrorKind.InsufficientCredits, $"The {name} account is out of credits (402){said}. Top up the account or choose another provider.", type),
            403 when profile.ForbiddenMeansNoCredits => error.Create(Flux2ErrorKind.InsufficientCredits, $"The {name} account has no credits left (403){said}. Top up at https://aimlapi.com/app/billing or choose another provider.", type),
            403 => error.Create(Flux2ErrorKind.PermissionDenied, $"{name} refused the request (403){said}. The key may not be allowed to use this model.", type),
            404 => error.Create(Flux2ErrorKind.Unsupported, $"{name} does not know this model or path (404){said}. Check {config}:BaseUrl and {config}:ModelIds.", type),
            400 or 422 => error.Create(Flux2ErrorKind.ProviderValidation, $"{name} rejected the input ({error.Status}){said}. Change {(parameter is null ? "the named parameter" : $"'{parameter}'")} and try again.", type, parameter),
            429 => error.Create(Flux2ErrorKind.RateLimited, $"{name} is rate limiting requests (429){said}. Wait {(error.RetryAfter is { } r ? $"{r.TotalSeconds:0.#} s" : "a little")} or lower {config}:MaxConcurrency.", type),
            _ when message is not null && error.DefaultKind is Flux2ErrorKind.ProviderUnavailable or Flux2ErrorKind.Timeout
                => error.Create(error.DefaultKind, $"{name} failed ({error.Status}){said}{error.Tries}. Try again later or configure Flux2:Failover with another provider.", type),
            _ => null,
        };
    }

    private static bool IsSafety(string? message, string? type)
    {
        foreach (string? text in (string?[])[type, message])
        {
            if (text is not null
                && (text.Contains("nsfw", StringComparison.OrdinalIgnoreCase)
                    || text.Contains("content_policy", StringComparison.OrdinalIgnoreCase)
                    || text.Contains("content policy", StringComparison.OrdinalIgnoreCase)
                    || text.Contains("moderat", StringComparison.OrdinalIgnoreCase)
                    || text.Contains("safety", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
