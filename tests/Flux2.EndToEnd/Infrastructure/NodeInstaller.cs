using System.Diagnostics;

namespace Flux2.EndToEnd;

/// <summary>
/// Installs the pinned Node tooling with <c>npm ci</c> when node_modules is missing or older than package-lock.json,
/// under a lock file so that concurrent test processes install it once.
/// </summary>
internal static class NodeInstaller
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(20);

    /// <summary>Makes sure <paramref name="directory"/>/node_modules matches its package-lock.json; returns npm's output, or null when nothing was done.</summary>
    public static async Task<ProcessResult?> EnsureInstalledAsync(string directory, string nodeExecutable)
    {
        if (IsCurrent(directory, nodeExecutable))
        {
            return null;
        }

        using var held = await AcquireLockAsync(Path.Combine(directory, ".npm-ci.lock")).ConfigureAwait(false);
        if (IsCurrent(directory, nodeExecutable))
        {
            return null; // another test process installed it while we waited
        }

        var start = new ProcessStartInfo("npm") { WorkingDirectory = directory };
        start.ArgumentList.Add("ci");
        start.ArgumentList.Add("--no-audit");
        start.ArgumentList.Add("--no-fund");
        start.ArgumentList.Add("--no-progress");

        start.Environment["CI"] = "true";
        start.Environment["npm_config_update_notifier"] = "false";
        start.Environment["INSPECTOR_SKIP_CLIENT_INSTALL"] = "1"; // the inspector's postinstall only matters in its own repository

        ProcessResult result;
        try
        {
            result = await ChildProcess.RunAsync(start, InstallTimeout).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException(
                $"The end-to-end tests install their Node tools with `npm ci` in {directory}, but npm could not be started: "
                + "install Node.js and npm (e.g. `apt-get install -y nodejs npm`).", ex);
        }

        if (result.TimedOut || result.ExitCode != 0 || !IsCurrent(directory, nodeExecutable))
        {
            throw new InvalidOperationException(
                $"`npm ci` in {directory} failed, so the end-to-end tests cannot run. Check that the npm registry is reachable "
                + "and that package-lock.json is consistent with package.json (run `npm ci` there by hand to see why).\n"
                + result.Describe());
        }

        return result;
    }

    /// <summary>True when the Node binary is there and npm's hidden lock file is not older than package-lock.json.</summary>
    private static bool IsCurrent(string directory, string nodeExecutable)
    {
        var installed = new FileInfo(Path.Combine(directory, "node_modules", ".package-lock.json"));
        var wanted = new FileInfo(Path.Combine(directory, "package-lock.json"));
        return File.Exists(nodeExecutable) && installed.Exists && installed.LastWriteTimeUtc >= wanted.LastWriteTimeUtc;
    }

    private static async Task<FileStream> AcquireLockAsync(string path)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive advisory lock (flock) across processes on Unix. The file stays (git-ignored):
                // deleting it on close would let two waiters lock two different files.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < LockTimeout)
            {
                await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }
        }
    }
}
