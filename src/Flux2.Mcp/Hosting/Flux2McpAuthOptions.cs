namespace Flux2.Mcp;

/// <summary>JWT bearer validation of the HTTP endpoint (the MCP authorization spec's resource server side), bound from <c>Flux2:Mcp:Auth</c>.</summary>
public sealed class Flux2McpAuthOptions
{
    /// <summary>
    /// The OAuth authorization server (token issuer), e.g. https://login.example.com/realms/mcp: its OpenID discovery document and
    /// keys validate tokens, and the protected resource metadata names it. Unset: no JWT validation (the static token, if any, applies).
    /// </summary>
    public Uri? Authority { get; set; }

    /// <summary>The audience tokens must carry for this server (required with <see cref="Authority"/>), usually its public /mcp URL.</summary>
    public string? Audience { get; set; }

    /// <summary>Scopes listed as supported in the protected resource metadata (none by default).</summary>
    public IList<string> Scopes { get; } = [];

    /// <summary>True when JWT validation is on.</summary>
    internal bool Enabled => Authority is not null;
}
