namespace Flux2.Redis;

/// <summary>
/// Settings of the shared state on Redis, bound from <c>Flux2:Store</c>. With <see cref="Redis"/> set, generated images
/// (<c>flux2://images/{id}</c>) live in Redis for <see cref="Ttl"/>, and every provider's MaxConcurrency and 429 pauses hold
/// across every replica that shares it; unset, nothing changes.
/// </summary>
public sealed class Flux2RedisOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Flux2:Store";

    /// <summary>The StackExchange.Redis connection string (<c>host:6379,password=...,ssl=true</c>); unset means no Redis.</summary>
    public string? Redis { get; set; }

    /// <summary>How long an image is kept after it was made (default 24 h); its bytes and metadata expire together.</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The largest image kept, in bytes (default 32 MiB); a larger one is returned without an id, with a warning.</summary>
    public long MaxImageBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Prefix of every key and channel (default <c>flux2:</c>): deployments sharing one Redis use different prefixes.</summary>
    public string KeyPrefix { get; set; } = "flux2:";

    /// <summary>
    /// How long a provider slot outlives its replica (default 30 s): a running job renews its slot every third of this, so a
    /// replica that dies frees its slots within this time.
    /// </summary>
    public TimeSpan SlotLease { get; set; } = TimeSpan.FromSeconds(30);
}
