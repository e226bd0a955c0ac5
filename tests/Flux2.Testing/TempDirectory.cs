namespace Flux2.Testing;

/// <summary>A fresh folder under the system temp folder (flux2-tests/…), deleted with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates the folder; <paramref name="purpose"/> starts its name, to tell test folders apart.</summary>
    public TempDirectory(string purpose = "test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "flux2-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>A folder for a whole test run (files several tests look at after their server or sample exits), deleted when the test process exits.</summary>
    public static TempDirectory DeletedAtExit(string purpose)
    {
        var directory = new TempDirectory(purpose);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => directory.Dispose();
        return directory;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>A path inside the folder (nothing is created).</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>A sub-folder, created.</summary>
    public string Sub(string name) => Directory.CreateDirectory(Combine(name)).FullName;

    /// <summary>Writes a text file at <paramref name="relative"/> inside the folder, creating its folders; returns its full path.</summary>
    public string Write(string relative, string text)
    {
        string path = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Deletes the folder and its content; a file still held open by a process that is going away is left behind.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
