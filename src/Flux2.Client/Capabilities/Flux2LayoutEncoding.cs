using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>How a model takes a layout (serialized by name, e.g. in <c>flux2://models</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Flux2LayoutEncoding>))]
public enum Flux2LayoutEncoding
{
    /// <summary>No layout: a request with one is refused before any HTTP call.</summary>
    None,

    /// <summary>FLUX 3: the boxes as a JSON array appended to the prompt, <c>[top, left, bottom, right]</c> on a 0-1000 grid.</summary>
    InPrompt,

    /// <summary>FLUX 3.1: a <c>bounding_boxes</c> field, <c>{id, bbox: [y_min, x_min, y_max, x_max], desc}</c> with fractions 0-1.</summary>
    BoundingBoxes,
}
