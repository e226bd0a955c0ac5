using Flux2.Agents;
using Flux2.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Flux2.Redis.Tests;

[Collection(SharedRedis.Name)]
[Trait("Category", "Slow")]
[Trait("Needs", "redis")]
public sealed class RedisImageStoreTests(RedisServerFixture redis) : IAsyncLifetime
{
    private static readonly byte[] Png = TestImages.Png;

    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..8] + ":";
    private ServiceProvider? _services;

    [Fact]
    public async Task AnImage_ComesBackWithItsBytesAndMetadata_UnderTheSameId()
    {
        var store = Store();
        string id = Flux2ImageUris.NewId();

        await store.AddAsync(new Flux2StoredImage { Id = id, Data = Png, ContentType = "image/png", Width = TestImages.Width, Height = TestImages.Height });
        var byId = await store.GetAsync(id);
        var byUri = await store.GetAsync(Flux2ImageUris.For(id));

        Assert.NotNull(byId);
        Assert.Equal(id, byId.Id);
        Assert.Equal(Png, byId.Data.ToArray());
        Assert.Equal("image/png", byId.ContentType);
        Assert.Equal((TestImages.Width, TestImages.Height), (byId.Width, byId.Height));
        Assert.Equal(Flux2ImageUris.For(id), byId.Uri);
        Assert.NotNull(byUri);
        Assert.Equal(Png, byUri.Data.ToArray());
        Assert.Null(await store.GetAsync(Flux2ImageUris.NewId()));
    }

    [Fact]
    public async Task AnImage_IsOneKeyWithTheTtl_AndItsBytesAndMetadataExpireTogether()
    {
        var store = Store(new() { ["Flux2:Store:Ttl"] = "00:00:01" });
        string id = Flux2ImageUris.NewId();

        await store.AddAsync(new Flux2StoredImage { Id = id, Data = Png, ContentType = "image/png", Width = TestImages.Width, Height = TestImages.Height });

        string key = Assert.Single(redis.Keys(_prefix));
        Assert.Equal(_prefix + "images:" + id, key);
        TimeSpan? ttl = await redis.Database.KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1));
        var fields = (await redis.Database.HashGetAllAsync(key)).Select(e => e.Name.ToString()).Order().ToList();
        Assert.Equal(["content_type", "data", "height", "width"], fields);

        await Eventually.WaitUntilAsync(() => redis.Keys(_prefix).Count == 0, "Redis expired the image's key after its 1 s TTL", TimeSpan.FromSeconds(5));
        Assert.Null(await store.GetAsync(id));
    }

    [Fact]
    public async Task AnImageOverTheSizeCap_IsRefusedWithTheCapAndTheSetting_AndNothingIsWritten()
    {
        var store = Store(new() { ["Flux2:Store:MaxImageBytes"] = "64" });
        string id = Flux2ImageUris.NewId();

        var error = await Assert.ThrowsAsync<Flux2Exception>(async () =>
            await store.AddAsync(new Flux2StoredImage { Id = id, Data = new byte[65], ContentType = "image/png" }));

        Assert.Contains("65 bytes", error.Message);
        Assert.Contains("64 bytes", error.Message);
        Assert.Contains("Flux2:Store:MaxImageBytes", error.Message);
        Assert.Empty(redis.Keys(_prefix));
        Assert.Null(await store.GetAsync(id));
    }

    [Fact]
    public async Task AnId_IsWrittenOnce_TheFirstImageStays()
    {
        var store = Store();
        string id = Flux2ImageUris.NewId();
        await store.AddAsync(new Flux2StoredImage { Id = id, Data = Png, ContentType = "image/png" });

        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await store.AddAsync(new Flux2StoredImage { Id = id, Data = new byte[] { 1, 2, 3 }, ContentType = "image/jpeg" }));

        Assert.Equal(Png, (await store.GetAsync(id))!.Data.ToArray());
    }

    [Fact]
    public async Task AStoppedRedis_GivesATypedNetworkError_NamingWhereAndNotThePassword()
    {
        int port = LoopbackPort.Free();
        var store = Store(new()
        {
            ["Flux2:Store:Redis"] = $"127.0.0.1:{port},password=hunter2-secret,connectTimeout=500,syncTimeout=500,asyncTimeout=500",
        });

        var error = await Assert.ThrowsAsync<Flux2Exception>(async () => await store.GetAsync(Flux2ImageUris.NewId()));

        Assert.Equal(Flux2ErrorKind.Network, error.Kind);
        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Contains("Flux2:Store:Redis", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public async Task WithoutTheSetting_NothingChanges()
    {
        var services = new ServiceCollection()
            .AddFlux2Tools(new ConfigurationBuilder().Build())
            .AddFlux2Redis(new ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<Flux2ImageStore>(provider.GetRequiredService<IFlux2ImageStore>());
        Assert.IsNotType<Flux2RedisProviderLimiter>(provider.GetRequiredService<IFlux2ProviderLimiter>());
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(Flux2RedisConnection));
    }

    [Theory]
    [InlineData("Flux2:Store:Ttl", "00:00:00")]
    [InlineData("Flux2:Store:MaxImageBytes", "0")]
    [InlineData("Flux2:Store:SlotLease", "00:00:00.500")]
    public void ASettingOutOfRange_IsRefusedNamingIt(string setting, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Flux2:Store:Redis"] = redis.ConnectionString,
            [setting] = value,
        }).Build();

        var error = Assert.Throws<Flux2Exception>(() => new ServiceCollection().AddFlux2Redis(configuration));

        Assert.Equal(Flux2ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(setting, error.Parameter);
        Assert.Contains(setting, error.Message);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    private IFlux2ImageStore Store(Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Flux2:Store:Redis"] = redis.ConnectionString,
            ["Flux2:Store:KeyPrefix"] = _prefix,
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        _services = new ServiceCollection().AddFlux2Tools(configuration).AddFlux2Redis(configuration).BuildServiceProvider();
        return _services.GetRequiredService<IFlux2ImageStore>();
    }
}
