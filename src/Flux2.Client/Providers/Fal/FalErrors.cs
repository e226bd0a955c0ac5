using System.Net;
using System.Text.Json;

namespace Flux2.Client;

/// <summary>Reads fal's error bodies (422 detail lists or strings, error_type bodies, locked-balance 403) into typed errors.</summary>
internal static class FalErrors
{
    /// <summary>
    /// fal's rules. A submit (queue or sync) answered 429, 500, 502 or 503 is sent again unless fal marks it
    /// <c>X-Fal-Retryable: false</c>: fal bills no request that failed with a 5xx ("No charge for server errors: failed requests
    /// that return 5xx status codes are not billed", https://docs.fal.ai/model-apis/model-endpoints/reliability). A 504 is a
    /// time-out, whose outcome is unknown. A queued job given up on is cancelled with <c>PUT …/cancel</c>.
    /// </summary>
    public static Flux2ProviderRules Rules { get; } = new(
        [429, 500, 502, 503],
        "fal does not bill a request that failed with a 5xx");

    /// <summary>The refiner handed to <see cref="Flux2ProviderHttp.EnsureSuccessAsync"/>.</summary>
    public static Flux2Exception? Refine(Flux2HttpError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        (string? detail, List<(string Message, string? Type, string? Location)> items, string? errorType) = Parse(error.Body);
        errorType ??= error.Headers.TryGetValues("X-Fal-Error-Type", out var values) ? values.FirstOrDefault() : null;
        string said = detail ?? string.Join("; ", items.Select(i => i.Location is null ? i.Message : $"{i.Location}: {i.Message}"));

        var policy = items.Where(i => i.Type == "content_policy_violation").ToList();
        if (policy.Count > 0 || errorType == "content_policy_violation")
        {
            return error.CreateContentFiltered(
                $"fal's content policy refused the request{(said.Length > 0 ? $": {said}" : "")}. Rephrase the prompt or change the reference images.",
                policy.Count > 0 ? [.. policy.Select(p => p.Message)] : [said],
                inputRefused: true,
                "content_policy_violation");
        }

        switch (error.StatusCode)
        {
            case HttpStatusCode.Unauthorized:
                return error.Create(Flux2ErrorKind.Authentication, $"fal rejected the API key (401){Colon(said)}. Check FAL_KEY or Flux2:Providers:fal:ApiKey.", errorType);
            case HttpStatusCode.Forbidden when said.Contains("balance", StringComparison.OrdinalIgnoreCase) || said.Contains("locked", StringComparison.OrdinalIgnoreCase):
                return error.Create(Flux2ErrorKind.InsufficientCredits, $"The fal account is out of balance (403){Colon(said)}. Top up at fal.ai/dashboard/billing or choose another provider.", errorType);
            case HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest when errorType is null or "bad_request":
                string? parameter = items.Select(i => i.Location).FirstOrDefault(l => l is not null);
                return error.Create(Flux2ErrorKind.ProviderValidation, $"fal rejected the input ({error.Status}){Colon(said)}. Change the named field and try again.", items.Select(i => i.Type).FirstOrDefault(t => t is not null) ?? errorType, parameter);
        }

        Flux2ErrorKind? kind = errorType switch
        {
            "request_timeout" or "startup_timeout" => Flux2ErrorKind.Timeout,
            "runner_scheduling_failure" or "internal_error" => Flux2ErrorKind.ProviderUnavailable,
            "client_cancelled" => Flux2ErrorKind.Cancelled,
            "bad_request" => Flux2ErrorKind.ProviderValidation,
            _ => null,
        };
        if (kind is { } k)
        {
            return error.Create(k, $"fal failed with {errorType} ({error.Status}){Colon(said)}{Tries(error, k)}.{Advice(k)}", errorType);
        }

        if (said.Length > 0)
        {
            return error.Create(error.DefaultKind, $"fal answered {error.Status}{Colon(said)}{Tries(error, error.DefaultKind)}.{Advice(error.DefaultKind)}", errorType);
        }

        return errorType is null ? null : error.Create(error.DefaultKind, error.DefaultMessage, errorType);
    }

    /// <summary>Reads <c>detail</c> (string or list of {loc,msg,type}) and <c>error_type</c> from a body; tolerant of anything else.</summary>
    public static (string? Detail, List<(string Message, string? Type, string? Location)> Items, string? ErrorType) Parse(string body)
    {
        var items = new List<(string, string?, string?)>();
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, items, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (Flux2ProviderHttp.Snippet(body), items, null);
            }

            string? errorType = root.TryGetProperty("error_type", out var et) && et.ValueKind == JsonValueKind.String ? et.GetString() : null;
            string? detail = null;
            if (root.TryGetProperty("detail", out var d))
            {
                if (d.ValueKind == JsonValueKind.String)
                {
                    detail = d.GetString();
                }
                else if (d.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement item in d.EnumerateArray())
                    {
                        if (item.ValueKind != JsonValueKind.Object)
                        {
                            continue;
                        }

                        string message = item.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
                        string? type = item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                        string? location = item.TryGetProperty("loc", out var loc) && loc.ValueKind == JsonValueKind.Array
                            ? string.Join(".", loc.EnumerateArray().Select(e => e.ToString()).Where(s => s != "body"))
                            : null;
                        items.Add((message, type, string.IsNullOrEmpty(location) ? null : location));
                    }
                }
            }
            else if (root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String)
            {
                detail = e.GetString();
            }
            else if (root.TryGetProperty("message", out var msg) && msg.ValueKind == JsonValueKind.String)
            {
                detail = msg.GetString();
            }

            return (detail, items, errorType);
        }
        catch (JsonException)
        {
            return (Flux2ProviderHttp.Snippet(body), items, null);
        }
    }

    private static string Colon(string text) => text.Length > 0 ? $": {text}" : "";

    private static string Tries(Flux2HttpError error, Flux2ErrorKind kind) =>
        kind is Flux2ErrorKind.ProviderUnavailable or Flux2ErrorKind.Timeout or Flux2ErrorKind.RateLimited ? error.Tries : "";

    private static string Advice(Flux2ErrorKind kind) => kind switch
    {
        Flux2ErrorKind.Timeout => " Try again, or a faster model or a smaller size.",
        Flux2ErrorKind.ProviderUnavailable => " Try again later or configure Flux2:Failover.",
        Flux2ErrorKind.RateLimited => " Wait and try again, or lower Flux2:Providers:fal:MaxConcurrency.",
        Flux2ErrorKind.ResultExpired => " Generate the image again.",
        _ => "",
    };
}
