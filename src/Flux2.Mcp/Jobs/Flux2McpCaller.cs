using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Flux2.Mcp;

/// <summary>
/// Who is calling: the identity jobs, tasks and images belong to. The OAuth subject when the request was authenticated
/// (<c>sub:{subject}</c>), otherwise the SHA-256 of its bearer token (<c>token:{hash}</c>, never the token itself), otherwise
/// <c>anonymous</c> (stdio, or HTTP without a token). Set for every incoming request by the server's message filter and carried
/// into the work a request starts (an <see cref="AsyncLocal{T}"/>).
/// </summary>
internal static class Flux2McpCaller
{
    /// <summary>The identity of a caller with no credentials (stdio's single user).</summary>
    public const string Anonymous = "anonymous";

    private static readonly AsyncLocal<string?> CurrentIdentity = new();

    /// <summary>The identity of the request being served (anonymous outside one).</summary>
    public static string Current => CurrentIdentity.Value ?? Anonymous;

    /// <summary>Sets the identity for the rest of the current request's work.</summary>
    public static void Set(string identity) => CurrentIdentity.Value = identity;

    /// <summary>The identity of a request from its authenticated user and, over HTTP, its Authorization header.</summary>
    public static string Resolve(ClaimsPrincipal? user, string? authorization)
    {
        if (user?.Identity?.IsAuthenticated == true
            && (user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.Identity.Name) is { Length: > 0 } subject)
        {
            return "sub:" + subject;
        }

        const string Bearer = "Bearer ";
        if (authorization is { } header && header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) && header[Bearer.Length..].Trim() is { Length: > 0 } token)
        {
            return "token:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..32];
        }

        return Anonymous;
    }
}
