using Flux2.Simulator.Hosting;

namespace Flux2.Simulator.Dialects.Fal;

/// <summary>What fal's sync and queue hosts share: the Key auth header, the error bodies and the response headers.</summary>
internal abstract class FalDialectBase : DialectBase
{
    protected FalDialectBase(SimulatorEngine engine)
        : base(engine)
    {
    }

    protected override string? ReadApiKey(HttpRequest request) => Bearer(request, "Key");

    /// <summary>
    /// The start both hosts share: a request id header, authentication and faults, the body read and validated for the
    /// app, and a concurrency slot. Null when an answer (401, 422, 429, ...) has already been written.
    /// </summary>
    protected async Task<FalAdmission?> AdmitAsync(HttpContext context, string operation, string appId)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-fal-request-id"] = requestId;
        var scope = await BeginAsync(context, operation).ConfigureAwait(false);
        if (scope is null)
        {
            return null;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var flux3 = FalFlux3Inputs.IsFlux3(appId);

        // FLUX 3 apps apply their own rules first (bounding boxes, image_urls), in words naming what is allowed; FLUX.2 apps
        // meet the schema first. Either way every accepted body has passed both.
        if (!flux3 && !await CheckShapeAsync(context, "fal", appId, body).ConfigureAwait(false))
        {
            return null;
        }

        var (spec, error, syncMode) = flux3 ? FalFlux3Inputs.Parse(Engine, appId, body, scope.Outcome) : FalModels.Parse(appId, body, scope.Outcome);
        if (spec is null)
        {
            context.Response.Headers["X-Fal-Retryable"] = "false";
            await WriteJsonAsync(context, 422, new FalValidationError([error!]), SimulatorJsonContext.Default.FalValidationError).ConfigureAwait(false);
            return null;
        }

        if (flux3 && !await CheckShapeAsync(context, "fal", appId, body).ConfigureAwait(false))
        {
            return null;
        }

        return await TryAcquireSlotAsync(context, scope).ConfigureAwait(false) ? new FalAdmission(requestId, scope, spec, syncMode) : null;
    }

    /// <summary>fal's pydantic 422: one detail item per field, located under "body".</summary>
    protected override Task WriteShapeErrorAsync(HttpContext context, IReadOnlyList<SchemaProblem> problems)
    {
        context.Response.Headers["X-Fal-Retryable"] = "false";
        var items = problems.Select(p => FalModels.Item(["body", .. p.Field.Split('/')], p.Message, "value_error")).ToList();
        return WriteJsonAsync(context, 422, new FalValidationError(items), SimulatorJsonContext.Default.FalValidationError);
    }

    protected override Task WriteErrorAsync(HttpContext context, SimulatorFaultKind kind, TimeSpan? retryAfter) =>
        WriteFalErrorAsync(context, kind, retryAfter, null);

    /// <summary>Writes fal's body, status and X-Fal-* headers for an error kind.</summary>
    protected static Task WriteFalErrorAsync(HttpContext context, SimulatorFaultKind kind, TimeSpan? retryAfter, string? prompt)
    {
        var response = context.Response;
        switch (kind)
        {
            case SimulatorFaultKind.Validation:
                return Validation(FalModels.Item(["body", "image_size"], "Image size is invalid for this model", "value_error"));
            case SimulatorFaultKind.ContentPolicy or SimulatorFaultKind.Moderated:
                return Validation(FalModels.PolicyItem(prompt));
        }

        var (detail, errorType, retryable) = kind switch
        {
            SimulatorFaultKind.Unauthorized => ("No user found for Key ID and Secret", (string?)null, false),
            SimulatorFaultKind.PaymentRequired => ("Payment required. Add a payment method at fal.ai/dashboard/billing.", null, false),
            SimulatorFaultKind.CreditsExhausted => ("User is locked. Reason: Exhausted balance. Top up your balance at fal.ai/dashboard/billing.", null, false),
            SimulatorFaultKind.RateLimited => ("Rate limit exceeded: too many concurrent requests for this key.", null, true),
            SimulatorFaultKind.BadGateway => ("Runner scheduling failure", "runner_scheduling_failure", true),
            SimulatorFaultKind.Unavailable => ("Runner scheduling failure", "runner_scheduling_failure", true),
            SimulatorFaultKind.JobFailed => ("The model failed to generate an image.", "internal_error", false),
            _ => ("Internal server error", "internal_error", true),
        };
        var status = kind == SimulatorFaultKind.JobFailed ? 500 : StatusOf(kind);
        if (kind == SimulatorFaultKind.RateLimited)
        {
            SetRetryAfter(response, retryAfter);
        }

        response.Headers["X-Fal-Retryable"] = retryable ? "true" : "false";
        if (errorType is not null)
        {
            response.Headers["X-Fal-Error-Type"] = errorType;
        }

        return WriteJsonAsync(context, status, new FalError(detail, errorType), SimulatorJsonContext.Default.FalError);

        Task Validation(FalValidationItem item)
        {
            response.Headers["X-Fal-Retryable"] = "false";
            response.Headers["X-Fal-Error-Type"] = item.Type;
            return WriteJsonAsync(context, 422, new FalValidationError([item]), SimulatorJsonContext.Default.FalValidationError);
        }
    }
}
