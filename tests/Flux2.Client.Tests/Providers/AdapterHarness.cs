using System.Collections.Concurrent;
using Flux2.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Client.Tests.Providers;

/// <summary>
/// The adapters' test set-up: the real client built through <c>AddFlux2Client</c>, one provider pointed at a simulator
/// dialect over loopback HTTP, short retry delays, and a recorder of every request the provider's pipeline sent.
/// </summary>
internal sealed class AdapterHarness : IDisposable
{
    /// <summary>The API key every harness configures; no error message or log may contain it.</summary>
    public const string ApiKey = "test-key-0123456789";

    private readonly ServiceProvider _services;
    private readonly string _provider;
    private readonly string _dialect;

    private AdapterHarness(ServiceProvider services, SimulatorServer simulator, RequestRecorder recorder, string provider, string dialect)
    {
        _services = services;
        _provider = provider;
        _dialect = dialect;
        Simulator = simulator;
        Recorder = recorder;
        Client = services.GetRequiredService<IFlux2Client>();
    }

    public IFlux2Client Client { get; }

    public SimulatorServer Simulator { get; }

    public RequestRecorder Recorder { get; }

    public IServiceProvider Services => _services;

    /// <summary>
    /// Builds a client whose only configured provider is <paramref name="provider"/>, served by the simulator's <paramref name="dialect"/>;
    /// with <paramref name="time"/>, every delay, time-out and poll interval of the client runs on that clock.
    /// </summary>
    public static AdapterHarness Create(
        SimulatorServer simulator, string provider, string dialect, Action<Flux2ProviderOptions>? configureProvider = null, Action<Flux2ClientOptions>? configure = null, Action<IServiceCollection>? services = null, TimeProvider? time = null)
    {
        simulator.Faults.Clear();
        simulator.Counters.Reset();
        simulator.Requests.Clear();
        simulator.Options.Latency = TimeSpan.Zero;
        var recorder = new RequestRecorder();
        var collection = new ServiceCollection();
        collection.AddFlux2Client(configure: options =>
        {
            options.Provider = provider;
            Flux2ProviderOptions settings = options.GetProvider(provider);
            settings.BaseUrl = simulator.DialectUrl(dialect);
            settings.ApiKey = ApiKey;
            settings.MaxRetries = 2;
            settings.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
            settings.MaxRetryDelay = TimeSpan.FromSeconds(2);
            configureProvider?.Invoke(settings);
            configure?.Invoke(options);
        });
        collection.AddHttpClient(Flux2Http.ClientName(provider)).AddHttpMessageHandler(() => new RecordingHandler(recorder));
        services?.Invoke(collection);
        if (time is not null)
        {
            collection.AddSingleton(time);
        }

        return new AdapterHarness(collection.BuildServiceProvider(), simulator, recorder, provider, dialect);
    }

    /// <summary>
    /// Injects a lasting fault on one operation of the dialect, runs the request, and checks what every adapter owes a
    /// failure: the expected typed kind, the provider named, and a readable message without the key.
    /// </summary>
    public async Task<Flux2Exception> AssertTypedFaultAsync(string operation, SimulatorFaultKind fault, Flux2ErrorKind expected, Flux2ImageRequest request)
    {
        Simulator.Faults.Add(_dialect, operation, fault, times: 20, retryAfter: TimeSpan.FromMilliseconds(5));

        var error = await Assert.ThrowsAnyAsync<Flux2Exception>(() => Client.GenerateAsync(request));

        Assert.Equal(expected, error.Kind);
        Assert.Equal(_provider, error.Provider);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.DoesNotContain(ApiKey, error.Message, StringComparison.Ordinal);
        return error;
    }

    /// <summary>The registered adapter of a provider.</summary>
    public IFlux2Provider Provider(string name) => _services.GetServices<IFlux2Provider>().Single(p => p.Name == name);

    public void Dispose() => _services.Dispose();

    /// <summary>What the provider's pipeline sent: method, URL, auth-relevant headers and body.</summary>
    internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body);

    /// <summary>Collects the requests of one harness.</summary>
    internal sealed class RequestRecorder
    {
        private readonly ConcurrentQueue<RecordedRequest> _requests = new();

        public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

        public void Add(RecordedRequest request) => _requests.Enqueue(request);
    }

    private sealed class RecordingHandler(RequestRecorder recorder) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in request.Headers)
            {
                headers[header.Key] = string.Join(",", header.Value);
            }

            recorder.Add(new RecordedRequest(request.Method, request.RequestUri!, headers, body));
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
