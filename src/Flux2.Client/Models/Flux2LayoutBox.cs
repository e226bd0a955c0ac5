namespace Flux2.Client;

/// <summary>
/// One box of a layout: where something named <see cref="Label"/> goes in the image, referenced as <c>&lt;label&gt;</c> in the
/// prompt. The box's edges are fractions of the width and height from the top-left: <c>[x0, y0, x1, y1]</c>.
/// </summary>
/// <param name="Label">Letters, digits and <c>_</c>, starting with a letter; unique in the layout.</param>
/// <param name="Box">Four fractions 0..1: left, top, right, bottom, with left &lt; right and top &lt; bottom.</param>
/// <param name="Description">What is in the box, optional.</param>
public sealed record Flux2LayoutBox(string Label, IReadOnlyList<double> Box, string? Description = null);
