namespace Flux2.Simulator;

/// <summary>Settings of a <see cref="SimulatorServer"/>; latency, concurrency limit and URL lifetime may be changed while it runs.</summary>
public sealed class SimulatorOptions
{
    /// <summary>The address Kestrel listens on; the default is an ephemeral loopback port.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>Time per job: for sync calls the response delay, for queue/polling jobs the time from submit to completion.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How long a queue submit's answer takes after the job was accepted (fal's queue): a slow network between the two, so that a
    /// client can give up while the job is already running.
    /// </summary>
    public TimeSpan SubmitAnswerDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Jobs in flight per API key; 0 means unlimited. Beyond it requests get 429 with Retry-After.</summary>
    public int ConcurrencyLimit { get; set; }

    /// <summary>How long result URLs under /files stay downloadable before they answer "expired".</summary>
    public TimeSpan ResultUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Keep the newest requests (method, path and body) in <see cref="SimulatorServer.Requests"/>, for tests that assert what reached
    /// the provider; off by default, because bodies can carry whole images.
    /// </summary>
    public bool RecordRequests { get; set; }

    /// <summary>Where the simulator logs; null means no logging at all (it never writes to stdout).</summary>
    public ILoggerProvider? LoggerProvider { get; set; }
}
