using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Client.Tests.Downloads;

/// <summary>A downloader over a fresh temporary output directory, built the way the client registers it.</summary>
internal sealed class DownloadHarness : IDisposable
{
    private readonly List<ServiceProvider> _services = [];
    private readonly TempDirectory _root = new("downloads");
    private readonly TimeProvider? _time;

    /// <summary>A downloader configured by <paramref name="configure"/>, reading <paramref name="time"/> (default: the system clock).</summary>
    public DownloadHarness(Action<Flux2ClientOptions>? configure = null, TimeProvider? time = null)
    {
        _time = time;
        OutputDirectory = _root.Combine("out");
        Outside = _root.Sub("outside");
        Downloader = CreateDownloader(configure);
    }

    /// <summary>The temporary folder holding <see cref="OutputDirectory"/> and <see cref="Outside"/>.</summary>
    public string Root => _root.Path;

    public string OutputDirectory { get; }

    /// <summary>A directory next to the output directory, which nothing may be written to.</summary>
    public string Outside { get; }

    public IFlux2Downloader Downloader { get; }

    /// <summary>Another downloader, over the harness's output directory unless <paramref name="configure"/> changes it.</summary>
    public IFlux2Downloader CreateDownloader(Action<Flux2ClientOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<Flux2ClientOptions>(options =>
        {
            options.OutputDirectory = OutputDirectory;
            options.Download.AllowedPrivateHosts.Add("127.0.0.1");
            configure?.Invoke(options);
        });
        services.AddFlux2Downloads();
        if (_time is not null)
        {
            services.AddSingleton(_time);
        }

        var provider = services.BuildServiceProvider();
        _services.Add(provider);
        return provider.GetRequiredService<IFlux2Downloader>();
    }

    /// <summary>Every file under the temporary folder (output and outside), relative to it.</summary>
    public IReadOnlyList<string> AllFiles() =>
        [.. Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Root, f)).Order()];

    public void Dispose()
    {
        foreach (var provider in _services)
        {
            provider.Dispose();
        }

        _root.Dispose();
    }
}
