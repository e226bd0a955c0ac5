namespace Flux2.Mcp;

/// <summary>The server refuses to start as configured (e.g. a non-loopback binding without a token); the message says what to change.</summary>
public sealed class Flux2McpStartupException : Exception
{
    /// <summary>Creates the error.</summary>
    public Flux2McpStartupException() : this("The MCP server cannot start as configured.") { }

    /// <summary>Creates the error.</summary>
    public Flux2McpStartupException(string message) : base(message) { }

    /// <summary>Creates the error.</summary>
    public Flux2McpStartupException(string message, Exception innerException) : base(message, innerException) { }
}
