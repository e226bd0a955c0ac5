using Flux2.Client;

namespace Flux2.Cli;

/// <summary>One non-empty line of a batch file: its request, or why it could not be read.</summary>
internal sealed class BatchItem
{
    /// <summary>1-based line number in the file.</summary>
    public required int Line { get; init; }

    /// <summary>Line number plus a hash of the line's text; the rerun key.</summary>
    public required string Key { get; init; }

    /// <summary>The prompt, when the line could be read.</summary>
    public string? Prompt { get; init; }

    /// <summary>The request (reference paths not yet read), or null when <see cref="Problem"/> is set.</summary>
    public Flux2ImageRequest? Request { get; init; }

    /// <summary>The file name the line asked for (relative to the output directory), or null to name files from the prompt.</summary>
    public string? FileName { get; init; }

    /// <summary>The format the saved files must have (from the line's format or file name), or null to follow the bytes.</summary>
    public string? WantedFormat { get; init; }

    /// <summary>Why the line could not be read.</summary>
    public Flux2Exception? Problem { get; init; }
}
