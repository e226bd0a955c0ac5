using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Flux2.Simulator.Hosting;
using Flux2.Simulator.Imaging;

namespace Flux2.Simulator.Dialects;

/// <summary>The request pipeline every dialect shares: count, inject faults, authenticate, limit concurrency, write JSON.</summary>
internal abstract class DialectBase
{
    protected DialectBase(SimulatorEngine engine) => Engine = engine;

    /// <summary>The dialect name used by counters and faults (fal, fal-queue, bfl, …).</summary>
    public abstract string Name { get; }

    protected SimulatorEngine Engine { get; }

    /// <summary>Reads the API key from the provider's auth header, or null when it is missing or empty.</summary>
    protected abstract string? ReadApiKey(HttpRequest request);

    /// <summary>Writes the provider's error response for a fault kind (also used for a missing key and the concurrency limit).</summary>
    protected abstract Task WriteErrorAsync(HttpContext context, SimulatorFaultKind kind, TimeSpan? retryAfter);

    /// <summary>
    /// Checks a request body against its endpoint's schema (the same data the tests validate the adapters with): each
    /// field the model does not take is logged and counted in <see cref="SimulatorCounters.UnknownFields"/> and otherwise
    /// ignored, as providers do; a wrong type, a value out of range or a missing required field gets the dialect's 422.
    /// Returns false when that answer was written. Endpoints without a schema are not checked, nor is anything in a host that
    /// turned <see cref="SimulatorFeatures.CheckRequestShapes"/> off.
    /// </summary>
    protected async Task<bool> CheckShapeAsync(HttpContext context, string schemaProvider, string endpoint, JsonElement? body)
    {
        if (!SimulatorFeatures.CheckRequestShapes || body is not { } json || SimulatorSchemas.Find(schemaProvider, endpoint) is not { } schema)
        {
            return true;
        }

        var check = schema.Check(json);
        foreach (var field in check.UnknownFields)
        {
            Engine.Logger.LogWarning("{Dialect} {Endpoint} does not take the field '{Field}'; it is ignored.", Name, endpoint, field);
            Engine.Counters.RecordUnknownField(Name, endpoint, field);
        }

        if (check.Problems.Count == 0)
        {
            return true;
        }

        Engine.Logger.LogWarning("{Dialect} {Endpoint} rejects the request: {Problems}", Name, endpoint, string.Join("; ", check.Problems.Select(p => $"{p.Field}: {p.Message}")));
        await WriteShapeErrorAsync(context, check.Problems).ConfigureAwait(false);
        return false;
    }

    /// <summary>Writes the provider's own 422 for fields of the wrong type or range.</summary>
    protected abstract Task WriteShapeErrorAsync(HttpContext context, IReadOnlyList<SchemaProblem> problems);

    /// <summary>One line per problem: "field: message".</summary>
    protected static string Describe(IReadOnlyList<SchemaProblem> problems) => string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}"));

    /// <summary>Reads a bearer token from the Authorization header.</summary>
    protected static string? Bearer(HttpRequest request, string scheme = "Bearer")
    {
        var value = request.Headers.Authorization.ToString();
        return value.StartsWith(scheme + " ", StringComparison.OrdinalIgnoreCase) && value.Length > scheme.Length + 1
            ? value[(scheme.Length + 1)..].Trim() is { Length: > 0 } key ? key : null
            : null;
    }

    /// <summary>Runs the common checks; returns null when a response was already written (fault, auth) and the handler must stop.</summary>
    protected async Task<RequestScope?> BeginAsync(HttpContext context, string operation, bool authenticate = true)
    {
        Engine.Counters.Increment(Name, operation);
        var fault = HeaderFault(context) ?? Engine.Faults.Take(Name, operation);
        if (fault is not null)
        {
            Engine.Logger.LogDebug("Injecting {Fault} into {Dialect}/{Operation}.", fault.Kind, Name, operation);
            switch (fault.Kind)
            {
                case SimulatorFaultKind.Hang:
                    await HangAsync(context).ConfigureAwait(false);
                    return null;
                case SimulatorFaultKind.DropConnection:
                    context.Abort();
                    return null;
                case SimulatorFaultKind.Unauthorized or SimulatorFaultKind.PaymentRequired or SimulatorFaultKind.CreditsExhausted
                    or SimulatorFaultKind.Validation or SimulatorFaultKind.RateLimited or SimulatorFaultKind.ServerError
                    or SimulatorFaultKind.BadGateway or SimulatorFaultKind.Unavailable:
                    await WriteErrorAsync(context, fault.Kind, fault.RetryAfter).ConfigureAwait(false);
                    return null;
            }
        }

        var key = ReadApiKey(context.Request);
        if (authenticate && key is null)
        {
            await WriteErrorAsync(context, SimulatorFaultKind.Unauthorized, null).ConfigureAwait(false);
            return null;
        }

        return new RequestScope(key ?? string.Empty, fault, Engine.LatencyFor(context));
    }

    /// <summary>Takes a concurrency slot for the scope's key, or answers 429 and returns false.</summary>
    protected async Task<bool> TryAcquireSlotAsync(HttpContext context, RequestScope scope)
    {
        if (Engine.Gate.TryAcquire(scope.ApiKey, Engine.Options.ConcurrencyLimit))
        {
            return true;
        }

        var retryAfter = scope.Latency > TimeSpan.FromMilliseconds(100) ? scope.Latency : TimeSpan.FromMilliseconds(100);
        await WriteErrorAsync(context, SimulatorFaultKind.RateLimited, retryAfter).ConfigureAwait(false);
        return false;
    }

    /// <summary>Sets Retry-After (whole seconds, at least 1) and retry-after-ms.</summary>
    protected static void SetRetryAfter(HttpResponse response, TimeSpan? retryAfter)
    {
        var value = retryAfter ?? TimeSpan.FromSeconds(1);
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        response.Headers["retry-after-ms"] = Math.Max(1, (long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The HTTP status of a generic error fault.</summary>
    protected static int StatusOf(SimulatorFaultKind kind) => kind switch
    {
        SimulatorFaultKind.Unauthorized => 401,
        SimulatorFaultKind.PaymentRequired => 402,
        SimulatorFaultKind.CreditsExhausted => 403,
        SimulatorFaultKind.Validation or SimulatorFaultKind.ContentPolicy or SimulatorFaultKind.Moderated => 422,
        SimulatorFaultKind.RateLimited => 429,
        SimulatorFaultKind.BadGateway => 502,
        SimulatorFaultKind.Unavailable => 503,
        _ => 500,
    };

    /// <summary>Writes a JSON body with a source-generated serializer, cut short when <paramref name="malformed"/>.</summary>
    protected static async Task WriteJsonAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> typeInfo, bool malformed = false, string contentType = "application/json")
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        if (malformed)
        {
            bytes = bytes[..Math.Max(1, bytes.Length / 2)];
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Parses the request body as a JSON object, or returns null when it is not one.</summary>
    protected static async Task<JsonElement?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Waits the latency, ending early when the client aborts or the server stops.</summary>
    protected async Task<bool> DelayAsync(HttpContext context, TimeSpan latency)
    {
        if (latency <= TimeSpan.Zero)
        {
            return true;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, Engine.Stopping);
        try
        {
            await Task.Delay(latency, linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Runs a sync generation: takes the key's concurrency slot (or answers 429), renders while the latency elapses,
    /// and returns the images, or null when a response was written or the client left. Failure outcomes render nothing.
    /// </summary>
    protected async Task<IReadOnlyList<GeneratedImage>?> RunSyncAsync(HttpContext context, RequestScope scope, GenerationSpec spec)
    {
        if (!await TryAcquireSlotAsync(context, scope).ConfigureAwait(false))
        {
            return null;
        }

        try
        {
            var failure = scope.Outcome is SimulatorFaultKind.ContentPolicy or SimulatorFaultKind.Moderated or SimulatorFaultKind.JobFailed;
            var render = failure ? Task.FromResult<IReadOnlyList<GeneratedImage>>([]) : Engine.GenerateAsync(spec);
            if (!await DelayAsync(context, scope.Latency).ConfigureAwait(false))
            {
                return null;
            }

            return await render.ConfigureAwait(false);
        }
        finally
        {
            Engine.Gate.Release(scope.ApiKey);
        }
    }

    private static InjectedFault? HeaderFault(HttpContext context)
    {
        var header = context.Request.Headers["x-sim-fault"].ToString();
        return header.Length > 0 && Enum.TryParse<SimulatorFaultKind>(header.Trim(), ignoreCase: true, out var kind) && Enum.IsDefined(kind)
            ? new InjectedFault(kind)
            : null;
    }

    private async Task HangAsync(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, Engine.Stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client gave up (or the server stops): that is the point of a hang.
        }

        if (!context.RequestAborted.IsCancellationRequested)
        {
            context.Abort();
        }
    }
}
