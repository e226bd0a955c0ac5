using Flux2.Simulator.Dialects.Aiml;
using Flux2.Simulator.Dialects.Bfl;
using Flux2.Simulator.Dialects.Fal;
using Flux2.Simulator.Dialects.Files;
using Flux2.Simulator.Dialects.Replicate;
using Flux2.Simulator.Dialects.Segmind;
using Flux2.Simulator.Dialects.Together;
using Flux2.Simulator.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Flux2.Simulator;

/// <summary>A loopback HTTP server that speaks the FLUX.2 providers' dialects (fal, BFL, Replicate, Together, AIML, Segmind) and serves their result files.</summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatorEngine _engine;
    private int _disposed;

    private SimulatorServer(WebApplication app, SimulatorEngine engine)
    {
        _app = app;
        _engine = engine;
    }

    /// <summary>The server's root URL with a trailing slash; dialects live at BaseUrl + "fal/", "fal-queue/", "bfl/", "replicate/", "together/", "aiml/", "segmind/", "files/".</summary>
    public Uri BaseUrl => _engine.BaseUrl;

    /// <summary>The settings; latency, concurrency limit and result URL lifetime may be changed while the server runs.</summary>
    public SimulatorOptions Options => _engine.Options;

    /// <summary>What the server received, per dialect and operation.</summary>
    public SimulatorCounters Counters => _engine.Counters;

    /// <summary>Faults to inject into the next matching requests.</summary>
    public SimulatorFaults Faults => _engine.Faults;

    /// <summary>The newest requests received, with their bodies, when <see cref="SimulatorOptions.RecordRequests"/> is on (else empty).</summary>
    public SimulatorRequestLog Requests => _engine.Requests;

    /// <summary>The queue and polling jobs accepted so far.</summary>
    public IReadOnlyCollection<SimulatorJob> Jobs => (IReadOnlyCollection<SimulatorJob>)_engine.Jobs.Values;

    /// <summary>How many requests and jobs of <paramref name="apiKey"/> hold one of its concurrency slots now (see <see cref="SimulatorOptions.ConcurrencyLimit"/>).</summary>
    public int InFlight(string apiKey) => _engine.Gate.InFlight(apiKey);

    /// <summary>The base URL of one dialect without a trailing slash, for example <c>DialectUrl("fal-queue")</c> = http://127.0.0.1:PORT/fal-queue.</summary>
    public Uri DialectUrl(string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        return new Uri(BaseUrl, prefix.Trim('/'));
    }

    /// <summary>Starts Kestrel on <see cref="SimulatorOptions.Urls"/> (an ephemeral loopback port by default) and returns once it listens.</summary>
    public static async Task<SimulatorServer> StartAsync(SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulatorOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(SimulatorServer).Assembly.GetName().Name,
            // Never pick up appsettings.json from the caller's working directory.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        if (options.LoggerProvider is not null)
        {
            builder.Logging.AddProvider(options.LoggerProvider);
        }

        builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        var app = builder.Build();

        var engine = new SimulatorEngine(options, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Flux2.Simulator"));
        if (options.RecordRequests)
        {
            app.Use(engine.RecordAsync);
        }

        Map(app, engine);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            engine.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        engine.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        engine.Logger.LogInformation("FLUX.2 provider simulator listening on {BaseUrl}", engine.BaseUrl);
        return new SimulatorServer(app, engine);
    }

    /// <summary>Stops the server, ending hung requests and running jobs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _engine.Stop();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _engine.Dispose();
    }

    private static void Map(WebApplication app, SimulatorEngine engine)
    {
        var fal = new FalSyncDialect(engine);
        var falQueue = new FalQueueDialect(engine);
        var files = new FilesDialect(engine);
        app.MapPost("/fal/{**appId}", fal.RunAsync);
        app.Map("/fal-queue/{**path}", falQueue.RunAsync);
        var bfl = new BflDialect(engine);
        var replicate = new ReplicateDialect(engine);
        var together = new TogetherDialect(engine);
        var aiml = new AimlDialect(engine);
        var segmind = new SegmindDialect(engine);
        app.MapGet("/bfl/v1/get_result", bfl.PollAsync);
        app.MapGet("/bfl/v1/credits", bfl.CreditsAsync);
        app.MapPost("/bfl/v1/{model}", bfl.SubmitAsync);
        app.Map("/replicate/v1/{**path}", replicate.RunAsync);
        app.MapPost("/together/v1/images/generations", together.GenerateAsync);
        app.MapPost("/aiml/v1/images/generations", aiml.GenerateAsync);
        app.MapPost("/segmind/v1/{slug}", segmind.GenerateAsync);
        app.MapGet("/files/bulk/{bytes}", files.BulkAsync);
        app.MapGet("/files/{**path}", files.GetAsync);
    }
}
