using System.Globalization;
using System.Net;
using StackExchange.Redis;

namespace Flux2.Redis.Tests;

/// <summary>
/// A real redis-server (Debian's redis-server package) on a free loopback port, without persistence, in a temp folder; stopped
/// at the end. Missing redis-server fails every test of the collection with how to install it: nothing is skipped.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("redis");
    private BackgroundProcess? _process;

    public int Port { get; private set; }

    /// <summary>The connection string replicas are given (Flux2:Store:Redis).</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>A connection of the test's own, to look at what the replicas wrote.</summary>
    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public IDatabase Database => Connection.GetDatabase();

    public async Task InitializeAsync()
    {
        string executable = Find("redis-server")
            ?? throw new InvalidOperationException(
                "redis-server is not installed, and these tests need a real Redis: run `apt-get install redis-server` "
                + "(Debian; ./tests/run.sh installs it), then run the tests again.");
        Port = LoopbackPort.Free();
        _process = BackgroundProcess.Start(ChildProcess.Command(executable,
            ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _directory.Path, "--daemonize", "no"],
            _directory.Path), "redis-server");
        await _process.WaitForPortAsync(Port, TimeSpan.FromSeconds(15));
        Connection = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { { IPAddress.Loopback, Port } }, ConnectTimeout = 5000 });
        await Connection.GetDatabase().PingAsync();
    }

    public async Task DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }

        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _directory.Dispose();
    }

    /// <summary>Stops redis-server at once, as a crash or a lost network would (no shutdown, no save): clients see it go away.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>The keys under a prefix, as Redis has them now.</summary>
    public List<string> Keys(string prefix) =>
        [.. Connection.GetServer(Connection.GetEndPoints()[0]).Keys(pattern: prefix + "*").Select(k => k.ToString())];

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/sbin").Append("/usr/local/bin")
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
