namespace Flux2.Simulator;

/// <summary>One field whose value the schema rejects.</summary>
/// <param name="Field">The JSON pointer of the field without its leading slash ("width", "image_size/width"), or "body".</param>
/// <param name="Message">What the schema says is wrong.</param>
public sealed record SchemaProblem(string Field, string Message);
