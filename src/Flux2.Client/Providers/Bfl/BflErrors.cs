using System.Text.Json;

namespace Flux2.Client;

/// <summary>Reads BFL's error bodies (<c>{"detail":[{"loc","msg","type"}]}</c> or <c>{"detail":"…"}</c>) into typed errors.</summary>
internal static class BflErrors
{
    /// <summary>
    /// BFL's rules. A submit answered 429, 500, 502 or 503 is sent again: BFL's own API guide lists 500 Internal Server Error,
    /// 502 Bad Gateway and 503 Service Unavailable as "retry with backoff" (https://github.com/black-forest-labs/skills,
    /// skills/bfl-api/references/error-handling.md), and its reference clients resubmit after them. BFL's API has no cancel
    /// endpoint (https://docs.bfl.ai: submit, get_result and credits only), so a job given up on may still finish and be billed.
    /// </summary>
    public static Flux2ProviderRules Rules { get; } = new(
        [429, 500, 502, 503],
        "BFL's API guide lists 500, 502 and 503 as retry with backoff",
        noCancel: "BFL's API has no cancel endpoint");

    /// <summary>Refines the generic status mapping with BFL's detail.</summary>
    public static Flux2Exception? Refine(Flux2HttpError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        JsonElement? body = Flux2JsonText.TryParse(error.Body);
        JsonElement? detail = Flux2JsonText.Property(body, "detail");
        string? said = Flux2JsonText.Join(detail) ?? Flux2JsonText.Join(body);
        string? type = FirstDetailString(detail, "type");
        string? parameter = Parameter(detail);
        string suffix = said is null ? "" : $": {said}";

        return error.Status switch
        {
            401 => error.Create(Flux2ErrorKind.Authentication, $"BFL rejected the API key (401){suffix}. Check BFL_API_KEY or Flux2:Providers:Bfl:ApiKey.", type),
            402 => error.Create(Flux2ErrorKind.InsufficientCredits, $"The BFL account is out of credits (402){suffix}. Buy credits at https://dashboard.bfl.ai or choose another provider.", type),
            403 => error.Create(Flux2ErrorKind.PermissionDenied, $"BFL refused the request (403){suffix}. The key may not be allowed to use this model or region.", type),
            404 => error.Create(Flux2ErrorKind.ResultExpired, $"BFL does not know this task or endpoint (404){suffix}. Generate the image again; check Flux2:Providers:Bfl:BaseUrl if it persists.", type),
            400 or 422 when IsModeration(said, type) => error.CreateContentFiltered($"BFL's moderation refused the request ({error.Status}){suffix}. Rephrase the prompt or change the reference images.", said is null ? null : [said], inputRefused: true, type),
            400 or 422 => error.Create(Flux2ErrorKind.ProviderValidation, $"BFL rejected the input ({error.Status}){suffix}. Change {(parameter is null ? "the named parameter" : $"'{parameter}'")} and try again.", type, parameter),
            429 => error.Create(Flux2ErrorKind.RateLimited, $"BFL is rate limiting (429; at most 24 tasks run at once per account){suffix}. Wait {(error.RetryAfter is { } r ? $"{r.TotalSeconds:0.#} s" : "a little")} or lower Flux2:Providers:Bfl:MaxConcurrency.", type),
            _ => null,
        };
    }

    /// <summary>Moderation reasons from a poll's <c>details</c> (<c>{"Moderation Reasons":[…]}</c>, a string, or anything else with text).</summary>
    public static IReadOnlyList<string> ModerationReasons(JsonElement? details)
    {
        if (Flux2JsonText.Property(details, "Moderation Reasons") is { } reasons)
        {
            return Flux2JsonText.Messages(reasons);
        }

        if (details is { ValueKind: JsonValueKind.Object } obj)
        {
            var all = new List<string>();
            foreach (JsonProperty property in obj.EnumerateObject())
            {
                all.AddRange(Flux2JsonText.Messages(property.Value));
            }

            return all;
        }

        return Flux2JsonText.Messages(details);
    }

    private static bool IsModeration(string? text, string? type) =>
        (type?.Contains("moderat", StringComparison.OrdinalIgnoreCase) ?? false)
        || (text?.Contains("moderat", StringComparison.OrdinalIgnoreCase) ?? false);

    private static string? FirstDetailString(JsonElement? detail, string name) =>
        detail is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() > 0 ? Flux2JsonText.String(list[0], name) : null;

    private static string? Parameter(JsonElement? detail)
    {
        if (detail is not { ValueKind: JsonValueKind.Array } list || list.GetArrayLength() == 0
            || Flux2JsonText.Property(list[0], "loc") is not { ValueKind: JsonValueKind.Array } loc || loc.GetArrayLength() == 0)
        {
            return null;
        }

        JsonElement last = loc[loc.GetArrayLength() - 1];
        return last.ValueKind == JsonValueKind.String ? last.GetString() : null;
    }
}
