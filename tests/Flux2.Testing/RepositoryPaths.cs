namespace Flux2.Testing;

/// <summary>Where things are in the repository and in its artifacts folder, found from the running test assembly.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root (the folder holding Flux2.Agents.sln).</summary>
    public static string Root => RootPath.Value;

    /// <summary>
    /// The build output folder of another project in the same artifacts tree as this assembly
    /// (<c>artifacts/bin/{project}/{pivot}</c>, pivot such as <c>debug</c>), whether or not it exists.
    /// </summary>
    public static string OutputOf(string project)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string bin = here.Parent?.Parent?.FullName ?? throw new InvalidOperationException($"{AppContext.BaseDirectory} is not in an artifacts/bin tree.");
        return Path.Combine(bin, project, here.Name);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Flux2.Agents.sln")))
            {
                return dir.FullName;
            }
        }

        for (string? dir = Environment.CurrentDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Flux2.Agents.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException($"Cannot find the repository (Flux2.Agents.sln) above {AppContext.BaseDirectory} or the current directory.");
    }
}
