using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Flux2.Mcp;

/// <summary>
/// The <c>ui://flux2/gallery</c> resource: one self-contained HTML file (script and styles inline, a strict CSP, no network)
/// read from this assembly once. Built directly, without reflection, so it costs nothing at start-up.
/// </summary>
internal sealed class Flux2GalleryResource : McpServerResource
{
    private const string Name = "gallery";
    private const string Title = "FLUX.2 image gallery";
    private const string Description =
        "MCP Apps view of generate_image results: the images with size, seed, cost and prompt, live progress of jobs still running, and save, enlarge, variations and refine actions.";

    private static readonly Lazy<string> Html = new(ReadHtml, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <inheritdoc />
    public override ResourceTemplate ProtocolResourceTemplate { get; } = new()
    {
        UriTemplate = Flux2Gallery.Uri,
        Name = Name,
        Title = Title,
        Description = Description,
        MimeType = Flux2Gallery.MimeType,
        Meta = Flux2Gallery.ResourceMeta(),
    };

    /// <inheritdoc />
    public override Resource? ProtocolResource { get; } = new()
    {
        Uri = Flux2Gallery.Uri,
        Name = Name,
        Title = Title,
        Description = Description,
        MimeType = Flux2Gallery.MimeType,
        Meta = Flux2Gallery.ResourceMeta(),
    };

    /// <inheritdoc />
    public override IReadOnlyList<object> Metadata { get; } = [];

    /// <inheritdoc />
    public override bool IsMatch(string uri) => string.Equals(uri, Flux2Gallery.Uri, StringComparison.Ordinal);

    /// <inheritdoc />
    public override ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new ReadResourceResult
        {
            Contents =
            [
                new TextResourceContents
                {
                    Uri = Flux2Gallery.Uri,
                    MimeType = Flux2Gallery.MimeType,
                    Text = Html.Value,
                    Meta = Flux2Gallery.ResourceMeta(),
                },
            ],
        });

    /// <inheritdoc />
    public override string ToString() => Flux2Gallery.Uri;

    private static string ReadHtml()
    {
        using var stream = typeof(Flux2GalleryResource).Assembly.GetManifestResourceStream(Flux2Gallery.EmbeddedName)
            ?? throw new InvalidOperationException($"The gallery view {Flux2Gallery.EmbeddedName} is not embedded in {typeof(Flux2GalleryResource).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
