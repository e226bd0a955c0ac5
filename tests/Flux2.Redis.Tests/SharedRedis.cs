namespace Flux2.Redis.Tests;

/// <summary>Every test shares one redis-server (each with its own key prefix) and runs one at a time: several measure waits.</summary>
[CollectionDefinition(Name)]
public sealed class SharedRedis : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis";
}
