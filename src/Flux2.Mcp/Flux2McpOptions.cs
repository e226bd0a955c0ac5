using ModelContextProtocol.AspNetCore;

namespace Flux2.Mcp;

/// <summary>Settings of the MCP server, bound from <c>Flux2:Mcp</c>.</summary>
public sealed class Flux2McpOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Flux2:Mcp";

    /// <summary>The default address of <c>--http</c>: loopback only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5180";

    /// <summary>What a tool result carries (default <see cref="Flux2McpResultShape.Both"/>).</summary>
    public Flux2McpResultShape ResultShape { get; set; } = Flux2McpResultShape.Both;

    /// <summary>Attach preview images to generate_image results (default true; sizes from <c>Flux2:Tools</c>).</summary>
    public bool Previews { get; set; } = true;

    /// <summary>
    /// Offer the MCP Apps gallery (default true): the <c>ui://flux2/gallery</c> resource and generate_image's
    /// <c>_meta.ui.resourceUri</c>. False removes both; results are the same either way.
    /// </summary>
    public bool Gallery { get; set; } = true;

    /// <summary>
    /// Ask the user (MCP elicitation) before a generate_image call whose cost estimate is above this many US dollars (or has no
    /// published price); a client that cannot be asked is refused. Null (the default) never asks. Simulated calls are free.
    /// </summary>
    public decimal? ConfirmAboveUsd { get; set; }

    /// <summary>Bearer token every HTTP request must carry (env FLUX2_MCP_TOKEN); required for a non-loopback binding.</summary>
    public string? Token { get; set; }

    /// <summary>Host header values accepted over HTTP besides loopback names (and the hosts named in <c>--urls</c>); "*" accepts any.</summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>Origin header values accepted over HTTP besides loopback origins, e.g. https://app.example.com; "*" accepts any.</summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>
    /// How the HTTP transport keeps state (default <see cref="HttpServerSessionMode.StatefulForInitializeClients"/>: sessions for
    /// clients of the initialize handshake, per-request service for 2026 clients). <see cref="HttpServerSessionMode.Stateless"/>
    /// lets any replica behind a load balancer answer any request.
    /// </summary>
    public HttpServerSessionMode SessionMode { get; set; } = HttpServerSessionMode.StatefulForInitializeClients;

    /// <summary>OAuth (JWT bearer) protection of the HTTP endpoint, bound from <c>Flux2:Mcp:Auth</c>; off while no authority is set.</summary>
    public Flux2McpAuthOptions Auth { get; } = new();

    /// <summary>
    /// How long a generate_image call without a task waits for its job (default 45 s, below the 60 s after which common clients give
    /// up); a job still running then is returned as its handle <c>flux2://jobs/{id}</c>, and goes on. 0 returns the handle at once.
    /// </summary>
    public double MaxWaitSeconds { get; set; } = 45;

    /// <summary>Offer MCP Tasks (<c>io.modelcontextprotocol/tasks</c>) for generate_image to clients that declare it (default true).</summary>
    public bool Tasks { get; set; } = true;

    /// <summary>How often clients are told to poll a task or a job handle, in milliseconds (default 2000).</summary>
    public int TaskPollIntervalMs { get; set; } = 2000;

    /// <summary>
    /// Whether the server's users are on other machines, so its disk is not theirs. Unset (the default) decides by the transport: true
    /// for <c>--http</c> bound to a non-loopback address, false for stdio and loopback HTTP (set it true for replicas behind a proxy
    /// on the same host). True changes the defaults: generated images are not saved (<c>Flux2:Tools:SaveImages</c>), download_image
    /// hands the image back instead of writing a file (<c>Flux2:Tools:SaveDownloads</c>), and files saved anyway are kept a day and
    /// 1 GiB at most (<c>Flux2:Tools:OutputMaxAge</c>, <c>:OutputMaxMegabytes</c>); each of those settings given explicitly wins.
    /// </summary>
    public bool? RemoteClients { get; set; }

    /// <summary>Let <c>/readyz</c> report ready with no provider key, when the built-in simulator answers on purpose (demos, load tests).</summary>
    public bool AllowSimulator { get; set; }
}
