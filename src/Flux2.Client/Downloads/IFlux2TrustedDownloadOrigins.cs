namespace Flux2.Client;

/// <summary>
/// Origins (scheme, host and port) that downloads may reach although they are on a loopback or private address, known only at run
/// time, such as the built-in offline simulator on its ephemeral port. Exactly these origins are allowed, never their whole host:
/// another port on the same loopback address stays refused.
/// </summary>
public interface IFlux2TrustedDownloadOrigins
{
    /// <summary>The origins allowed now, e.g. <c>http://127.0.0.1:41234/</c>; empty when none.</summary>
    IReadOnlyList<Uri> Origins { get; }
}
