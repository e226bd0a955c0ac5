using Flux2.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flux2.Client.Tests.Core;

public sealed class Flux2ImageClientTests
{
    private static Flux2ImageRequest Small(string model = Flux2Models.Pro) => new()
    {
        Prompt = "a lighthouse at dusk",
        Model = model,
        Size = "256x256",
    };

    [Theory]
    [InlineData("", null, null, null, null, null, "prompt")]
    [InlineData("x", "flux-1-dev", null, null, null, null, "model")]
    [InlineData("x", null, "huge", null, null, null, "size")]
    [InlineData("x", null, null, 5, null, null, "num_images")]
    [InlineData("x", null, null, null, 7, null, "safety_tolerance")]
    [InlineData("x", null, null, null, null, "gif", "output_format")]
    public async Task Validation_RefusesBeforeAnyHttpCall_NamingWhatIsAllowed(string prompt, string? model, string? size, int? count, int? safety, string? format, string parameter)
    {
        await using var sim = await SimulatedFal.StartAsync();
        var request = new Flux2ImageRequest { Prompt = prompt, Model = model, Size = size, NumImages = count, SafetyTolerance = safety, OutputFormat = format };

        var error = await Assert.ThrowsAsync<Flux2Exception>(() => sim.Client.GenerateAsync(request));

        Assert.Equal(Flux2ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(parameter, error.Parameter);
        Assert.Equal(Flux2ErrorCategory.Argument, error.Category);
        Assert.Equal(0, sim.Server.Counters.Total);
    }

    [Fact]
    public async Task Validation_ModelListInMessage()
    {
        await using var sim = await SimulatedFal.StartAsync();

        var error = await Assert.ThrowsAsync<Flux2Exception>(() => sim.Client.GenerateAsync(new Flux2ImageRequest { Prompt = "x", Model = "sdxl" }));

        Assert.Contains("flux-2-pro", error.Message, StringComparison.Ordinal);
        Assert.Contains("flux-2-klein-9b", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validation_BadReferenceImage_IsRefused()
    {
        await using var sim = await SimulatedFal.StartAsync();
        Flux2ImageRequest request = Small();
        request.ReferenceImages.Add("C:\\photos\\cat.png");

        var error = await Assert.ThrowsAsync<Flux2Exception>(() => sim.Client.GenerateAsync(request));

        Assert.Equal("reference_images", error.Parameter);
        Assert.Equal(0, sim.Server.Counters.Total);
    }

    [Fact]
    public async Task Validation_TooManyReferenceImages_NamesTheLimit()
    {
        await using var sim = await SimulatedFal.StartAsync();
        Flux2ImageRequest request = Small(Flux2Models.Dev);
        for (int i = 0; i < 5; i++)
        {
            request.ReferenceImages.Add($"https://example.com/{i}.png");
        }

        var error = await Assert.ThrowsAsync<Flux2Exception>(() => sim.Client.GenerateAsync(request));

        Assert.Contains("at most 4", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, sim.Server.Counters.Total);
    }

    [Fact]
    public async Task Mapping_ClampedAndDroppedParameters_ProceedWithWarnings()
    {
        await using var sim = await SimulatedFal.StartAsync(mode: "sync");
        var request = new Flux2ImageRequest
        {
            Prompt = "a lighthouse",
            Model = Flux2Models.Pro,
            Size = "250x250",
            Steps = 30,
            GuidanceScale = 4,
            SafetyTolerance = 6,
            OutputFormat = "webp",
        };

        Flux2ImageResult result = await sim.Client.GenerateAsync(request);

        Flux2Image image = Assert.Single(result.Images);
        Assert.Equal(256, image.Width);
        Assert.Contains(result.Warnings, w => w.Contains("250x250 was adjusted to 256x256", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("num_inference_steps was ignored", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("guidance_scale was ignored", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("safety_tolerance 6 was clamped to 5", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("output_format webp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FanOut_AboveThePerRequestLimit_SendsParallelCallsWithSuccessiveSeeds()
    {
        await using var sim = await SimulatedFal.StartAsync();
        Flux2ImageRequest request = Small(Flux2Models.Flex);
        request.NumImages = 3;
        request.Seed = 10;

        Flux2ImageResult result = await sim.Client.GenerateAsync(request);

        Assert.Equal(3, result.Images.Count);
        Assert.Equal(3, sim.Server.Counters.Get("fal-queue", "submit"));
        Assert.Equal(new long?[] { 10, 11, 12 }, result.Images.Select(i => i.Seed).ToArray());
        Assert.Equal(3, result.RequestId!.Split(',').Length);
        Assert.Equal(0.15m, result.Cost.EstimatedUsd);
    }

    [Fact]
    public async Task Budget_PerCall_RefusesBeforeSending()
    {
        await using var sim = await SimulatedFal.StartAsync(o => o.MaxCostPerCallUsd = 0.01m);

        var error = await Assert.ThrowsAsync<Flux2Exception>(() => sim.Client.GenerateAsync(Small()));

        Assert.Equal(Flux2ErrorKind.BudgetExceeded, error.Kind);
        Assert.Contains("MaxCostPerCallUsd", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, sim.Server.Counters.Total);
    }

    [Fact]
    public async Task Budget_PerProcess_RefusesOnceSpent()
    {
        await using var sim = await SimulatedFal.StartAsync(o => o.MaxCostPerProcessUsd = 0.05m);

        await sim.Client.GenerateAsync(Small());
        var error = await Assert.ThrowsAsync<Flux2Exception>(() => sim.Client.GenerateAsync(Small()));

        Assert.Equal(Flux2ErrorKind.BudgetExceeded, error.Kind);
        Assert.Equal(1, sim.Server.Counters.Get("fal-queue", "submit"));
    }

    [Fact]
    public async Task Concurrency_LimitQueuesJobsInsteadOfHittingTheProvidersLimit()
    {
        await using var sim = await SimulatedFal.StartAsync(
            o => o.GetProvider("fal").MaxConcurrency = 2,
            simulator: s =>
            {
                s.ConcurrencyLimit = 2;
                s.Latency = TimeSpan.FromMilliseconds(200);
            });
        var progress = new RecordingProgress();

        Flux2ImageResult[] results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => sim.Client.GenerateAsync(Small().WithProgress(progress))));

        Assert.All(results, r => Assert.Single(r.Images));
        // A 429 would have been retried and counted as a second submit.
        Assert.Equal(6, sim.Server.Counters.Get("fal-queue", "submit"));
        Assert.Contains(progress.Reports, p => p.Status == Flux2ProgressStatus.Waiting);
    }

    [Fact]
    public async Task Failover_OnOutage_MovesToTheNextProviderServingTheModel()
    {
        await using var sim = await StartWithSecondFalAsync();
        sim.Server.Faults.Add("fal-queue", "submit", SimulatorFaultKind.Unavailable, times: 10);

        Flux2ImageResult result = await sim.Client.GenerateAsync(Small());

        Assert.Equal("fal2", result.Provider);
        Assert.Single(result.Images);
        Assert.Equal(1, sim.Server.Counters.Get("fal", "sync"));
        Assert.Contains(result.Warnings, w => w.Contains("served by fal2", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(SimulatorFaultKind.Unavailable, "bfl")]
    [InlineData(SimulatorFaultKind.Validation, null)]
    public async Task Failover_FromFalToBfl_MovesOnAnOutageAndStaysOnA4xx(SimulatorFaultKind fault, string? servedBy)
    {
        SimulatorServer? server = null;
        await using var sim = await SimulatedFal.StartAsync(configure: o =>
        {
            o.Failover.Add(Flux2Providers.Bfl);
            Flux2ProviderOptions bfl = o.GetProvider(Flux2Providers.Bfl);
            bfl.ApiKey = "bfl-test-key-77aa";
            bfl.BaseUrl = server!.DialectUrl("bfl");
        });
        server = sim.Server;
        sim.Server.Faults.Add("fal-queue", "submit", fault, times: 10);

        if (servedBy is null)
        {
            var error = await Assert.ThrowsAsync<Flux2Exception>(() => sim.Client.GenerateAsync(Small()));
            Assert.Equal(Flux2ErrorKind.ProviderValidation, error.Kind);
            Assert.Equal(0, sim.Server.Counters.Get("bfl", "submit"));
            return;
        }

        Flux2ImageResult result = await sim.Client.GenerateAsync(Small());

        Assert.Equal(servedBy, result.Provider);
        Assert.Single(result.Images);
        Assert.Equal(1, sim.Server.Counters.Get("bfl", "submit"));
        Assert.Contains(result.Warnings, w => w.Contains("served by bfl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CircuitBreaker_AfterRepeatedFailures_StopsCallingTheProvider()
    {
        await using var sim = await SimulatedFal.StartAsync(configure: o =>
        {
            Flux2ProviderOptions fal = o.GetProvider(Flux2Providers.Fal);
            fal.MaxRetries = 0;
            fal.CircuitBreakerMinimumThroughput = 2;
            fal.CircuitBreakerFailureRatio = 0.5;
            fal.CircuitBreakerBreakDuration = TimeSpan.FromSeconds(30);
        });
        sim.Server.Faults.Add("fal-queue", "submit", SimulatorFaultKind.ServerError, times: 100);
        for (int i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<Flux2Exception>(() => sim.Client.GenerateAsync(Small()));
        }

        long sent = sim.Server.Counters.Get("fal-queue", "submit");
        var error = await Assert.ThrowsAsync<Flux2Exception>(() => sim.Client.GenerateAsync(Small()));

        Assert.Equal(2, sent);
        Assert.Equal(Flux2ErrorKind.ProviderUnavailable, error.Kind);
        Assert.Contains("circuit open", error.Message, StringComparison.Ordinal);
        Assert.Equal(sent, sim.Server.Counters.Get("fal-queue", "submit"));
    }

    [Fact]
    public async Task Failover_OnAValidationError_StaysWithTheFirstProvider()
    {
        await using var sim = await StartWithSecondFalAsync();
        sim.Server.Faults.Add("fal-queue", "submit", SimulatorFaultKind.Validation);

        var error = await Assert.ThrowsAsync<Flux2Exception>(() => sim.Client.GenerateAsync(Small()));

        Assert.Equal(Flux2ErrorKind.ProviderValidation, error.Kind);
        Assert.Equal(0, sim.Server.Counters.Get("fal", "sync"));
    }

    [Fact]
    public async Task Failover_AfterAnUnknownOutcomeSubmit_DoesNotSendASecondJob()
    {
        await using var sim = await StartWithSecondFalAsync();
        sim.Server.Faults.Add("fal-queue", "submit", SimulatorFaultKind.DropConnection);

        var error = await Assert.ThrowsAsync<Flux2Exception>(() => sim.Client.GenerateAsync(Small()));

        Assert.True(error.OutcomeUnknown);
        Assert.Equal(0, sim.Server.Counters.Get("fal", "sync"));
    }

    [Fact]
    public async Task Failover_AfterTheJobWasAccepted_DoesNotSendASecondJob()
    {
        await using var sim = await StartWithSecondFalAsync();
        // The submit succeeds (a paid job exists); then the status and result endpoints are down for good.
        sim.Server.Faults.Add("fal-queue", "status-stream", SimulatorFaultKind.Unavailable, times: 100);
        sim.Server.Faults.Add("fal-queue", "status", SimulatorFaultKind.Unavailable, times: 100);
        sim.Server.Faults.Add("fal-queue", "result", SimulatorFaultKind.Unavailable, times: 100);

        var error = await Assert.ThrowsAsync<Flux2Exception>(() => sim.Client.GenerateAsync(Small()));

        Assert.Equal(Flux2ErrorKind.ProviderUnavailable, error.Kind);
        Assert.True(error.OutcomeUnknown);
        Assert.NotNull(error.RequestId);
        Assert.Equal(1, sim.Server.Counters.Get("fal-queue", "submit"));
        Assert.Equal(0, sim.Server.Counters.Get("fal", "sync"));
    }

    [Fact]
    public async Task Logs_NeverContainTheApiKey()
    {
        var logs = new CapturingLoggerProvider();
        await using var sim = await SimulatedFal.StartAsync(services: s => s.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
        sim.Server.Faults.Add("fal-queue", "result", SimulatorFaultKind.ServerError, times: 1);

        await sim.Client.GenerateAsync(Small());
        sim.Server.Faults.Add("fal-queue", "submit", SimulatorFaultKind.Unauthorized);
        var error = await Assert.ThrowsAsync<Flux2Exception>(() => sim.Client.GenerateAsync(Small()));

        Assert.NotEmpty(logs.Lines);
        Assert.Contains(logs.Lines, l => l.Contains("Retrying", StringComparison.Ordinal));
        Assert.All(logs.Lines, l => Assert.DoesNotContain(SimulatedFal.Key, l, StringComparison.Ordinal));
        Assert.DoesNotContain(SimulatedFal.Key, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoKeyAnywhere_WithoutFallback_ThrowsMissingApiKeyNamingTheVariables()
    {
        var services = new ServiceCollection();
        services.AddFlux2Client(configure: o => o.EnvironmentReader = _ => null);
        await using ServiceProvider provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<Flux2Exception>(() => provider.GetRequiredService<IFlux2Client>().GenerateAsync(Small()));

        Assert.Equal(Flux2ErrorKind.MissingApiKey, error.Kind);
        Assert.Contains("FAL_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("BFL_API_KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoKeyAnywhere_WithOfflineFallback_ServesSimulatedResultsWithANote()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync();
        var services = new ServiceCollection();
        services.AddSingleton<IFlux2OfflineFallback>(new TestFallback(server));
        services.AddFlux2Client(configure: o => o.EnvironmentReader = _ => null);
        await using ServiceProvider provider = services.BuildServiceProvider();

        Flux2ImageResult result = await provider.GetRequiredService<IFlux2Client>().GenerateAsync(Small());

        Assert.True(result.Simulated);
        Assert.Equal(TestFallback.NoteText, result.Note);
        Assert.Equal("fal", result.Provider);
        Assert.Single(result.Images);
    }

    [Fact]
    public async Task AutoSelect_PicksTheFirstProviderWhoseKeyIsPresent()
    {
        await using var sim = await SimulatedFal.StartAsync(o =>
        {
            o.Provider = null;
            o.EnvironmentReader = name => name == "FAL_KEY" ? "from-env-key" : null;
            o.GetProvider("fal").ApiKey = null;
        });

        Flux2ImageResult result = await sim.Client.GenerateAsync(Small());

        Assert.Equal("fal", result.Provider);
    }

    [Fact]
    public async Task UnknownProvider_IsAnInvalidArgumentListingTheAvailableOnes()
    {
        await using var sim = await SimulatedFal.StartAsync();
        Flux2ImageRequest request = Small();
        request.Provider = "midjourney";

        var error = await Assert.ThrowsAsync<Flux2Exception>(() => sim.Client.GenerateAsync(request));

        Assert.Equal(Flux2ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("provider", error.Parameter);
        Assert.Equal("provider 'midjourney' is unknown; allowed: aimlapi, bfl, fal, openai, replicate, segmind, together.", error.Message);
        Assert.Equal(0, sim.Server.Counters.Total);
    }

    [Fact]
    public async Task Configuration_BindsTheFlux2Section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Flux2:Provider"] = "fal",
                ["Flux2:Model"] = "flux-2-dev",
                ["Flux2:Failover"] = "bfl,replicate",
                ["Flux2:MaxCostPerCallUsd"] = "0.5",
                ["Flux2:Providers:Fal:QueueBaseUrl"] = "http://127.0.0.1:9/fal-queue",
                ["Flux2:Providers:Fal:Mode"] = "sync",
                ["Flux2:Providers:Fal:MaxConcurrency"] = "3",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddFlux2Client(configuration);
        await using ServiceProvider provider = services.BuildServiceProvider();

        Flux2ClientOptions options = provider.GetRequiredService<IOptions<Flux2ClientOptions>>().Value;

        Assert.Equal("fal", options.Provider);
        Assert.Equal("flux-2-dev", options.Model);
        Assert.Equal(["bfl", "replicate"], options.Failover);
        Assert.Equal(0.5m, options.MaxCostPerCallUsd);
        Assert.Equal(new Uri("http://127.0.0.1:9/fal-queue"), options.Providers["fal"].QueueBaseUrl);
        Assert.Equal("sync", options.Providers["fal"].Mode);
        Assert.Equal(3, options.Providers["fal"].MaxConcurrency);
    }

    private static Task<SimulatedFal> StartWithSecondFalAsync() => SimulatedFal.StartAsync(
        configure: o =>
        {
            o.Failover.Add("fal2");
            Flux2ProviderOptions second = o.GetProvider("fal2");
            second.ApiKey = "second-key-0000";
            second.Mode = FalProvider.SyncMode;
        },
        services: s =>
        {
            s.AddSingleton<IFlux2Provider>(sp => new FalProvider(
                "fal2",
                sp.GetRequiredService<IHttpClientFactory>(),
                sp.GetRequiredService<IOptionsMonitor<Flux2ClientOptions>>()));
            s.AddFlux2ProviderHttpClient("fal2");
            s.PostConfigure<Flux2ClientOptions>(o =>
            {
                Flux2ProviderOptions first = o.GetProvider("fal");
                o.GetProvider("fal2").BaseUrl = first.BaseUrl;
            });
        });

    private sealed class TestFallback(SimulatorServer server) : IFlux2OfflineFallback
    {
        public const string NoteText = "Simulated: set FAL_KEY for real images.";

        public string DefaultProvider => "fal";

        public string Note => NoteText;

        public ValueTask<Flux2ProviderEndpoint> GetEndpointAsync(string provider, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new Flux2ProviderEndpoint
            {
                BaseUrl = server.DialectUrl("fal"),
                QueueBaseUrl = server.DialectUrl("fal-queue"),
                ApiKey = "simulator",
                Simulated = true,
            });
    }
}
