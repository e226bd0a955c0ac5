using System.ComponentModel;
using D = Flux2.Agents.Flux2ToolDescriptions;

namespace Flux2.Agents;

/// <summary>One item of <c>generate_image</c>'s <c>layout</c>: a named box, referenced as <c>&lt;label&gt;</c> in the prompt.</summary>
public sealed class Flux2LayoutInput
{
    /// <summary>Letters, digits and _, starting with a letter; unique.</summary>
    [Description(D.LayoutLabel)]
    public required string Label { get; set; }

    /// <summary>[x0, y0, x1, y1]: left, top, right, bottom as fractions 0..1 of the width and height, from the top-left.</summary>
    [Description(D.LayoutBox)]
    public required IList<double> Box { get; set; }

    /// <summary>What goes in the box, optional.</summary>
    [Description(D.LayoutDescription)]
    public string? Description { get; set; }
}
