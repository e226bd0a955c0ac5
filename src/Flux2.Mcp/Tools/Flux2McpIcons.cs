using System.Text;
using ModelContextProtocol.Protocol;

namespace Flux2.Mcp;

/// <summary>
/// The server's icon (mountains), embedded as an SVG data URI (no network). It is tiny on purpose: it rides in the server's
/// information of every 2026-07-28 result. The tools carry none: clients show the server's beside its tools, and every byte of
/// tools/list is read on every turn (the budget goes to describing every parameter).
/// </summary>
internal static class Flux2McpIcons
{
    private const string Svg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 8 8\"><path fill=\"#f90\" d=\"M0 8 3 3l2 3 1-1 2 3z\"/></svg>";

    /// <summary>The server's icon (initialize result, and server information on 2026-07-28 results).</summary>
    public static IList<Icon> Server { get; } = [new Icon { Source = DataUri(Svg) }];

    private static string DataUri(string svg) => "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
}
