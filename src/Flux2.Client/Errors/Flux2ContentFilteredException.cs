namespace Flux2.Client;

/// <summary>The provider's safety system refused the prompt, an input, or every output image.</summary>
public sealed class Flux2ContentFilteredException : Flux2Exception
{
    /// <summary>Creates a content-filtered error.</summary>
    public Flux2ContentFilteredException(string message, IReadOnlyList<string>? reasons = null, Exception? innerException = null)
        : base(Flux2ErrorKind.ContentFiltered, message, innerException)
    {
        Reasons = reasons ?? [];
    }

    /// <summary>Creates a content-filtered error.</summary>
    public Flux2ContentFilteredException() : this("The provider's safety system refused the request.") { }

    /// <summary>Creates a content-filtered error.</summary>
    public Flux2ContentFilteredException(string message) : this(message, null, null) { }

    /// <summary>Creates a content-filtered error.</summary>
    public Flux2ContentFilteredException(string message, Exception innerException) : this(message, null, innerException) { }

    /// <summary>The provider's reasons (BFL "Moderation Reasons", fal 422 detail), when given.</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>True when the prompt or an input was refused before generation (BFL "Request Moderated", fal 422 content_policy_violation); false when outputs were filtered.</summary>
    public bool InputRefused { get; init; }
}
