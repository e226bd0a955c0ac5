namespace Flux2.Simulator.Dialects;

/// <summary>One reason a request body is refused, before a dialect words it as its provider's 422.</summary>
/// <param name="Location">Where in the body, without the leading "body" (["bounding_boxes", "0", "id"]).</param>
/// <param name="Message">What is wrong, naming what is allowed.</param>
/// <param name="Type">The pydantic error type (missing, extra_forbidden, enum, value_error, ...).</param>
internal sealed record InputProblem(IReadOnlyList<string> Location, string Message, string Type)
{
    /// <summary>A problem with a top-level field.</summary>
    public static InputProblem Field(string field, string message, string type) => new([field], message, type);
}
