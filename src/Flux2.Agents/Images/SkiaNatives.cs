using System.Runtime.InteropServices;
using Flux2.Client;

namespace Flux2.Agents;

/// <summary>
/// Every use of SkiaSharp (conversions, previews, header reads) goes through here, so a native library that cannot be loaded
/// (a platform without SkiaSharp's natives, a trimmed publish, an unusual libc) becomes a typed
/// <see cref="Flux2ErrorKind.MissingDependency"/> that names the package to add and what still works, not an internal error.
/// </summary>
internal static class SkiaNatives
{
    /// <summary>The package with SkiaSharp's Linux natives (glibc and musl, x64/arm/arm64 and more; no system dependencies).</summary>
    public const string LinuxPackage = "SkiaSharp.NativeAssets.Linux.NoDependencies";

    /// <summary>Runs <paramref name="use"/>; a native load failure becomes <see cref="Missing"/>.</summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.MissingDependency"/> when SkiaSharp's native library cannot be loaded.</exception>
    public static T Use<T>(string feature, Func<T> use)
    {
        try
        {
            return use();
        }
        catch (Exception ex) when (IsLoadFailure(ex))
        {
            throw Missing(feature, ex);
        }
    }

    /// <summary>True when <paramref name="exception"/> is SkiaSharp's native library failing to load (directly or inside a type initializer).</summary>
    public static bool IsLoadFailure(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case TypeInitializationException init when init.TypeName?.StartsWith("SkiaSharp.", StringComparison.Ordinal) == true:
                    return true;
                case DllNotFoundException or EntryPointNotFoundException or BadImageFormatException
                    when current.Message.Contains("SkiaSharp", StringComparison.OrdinalIgnoreCase):
                    return true;
            }
        }

        return false;
    }

    /// <summary>The typed error for a native load failure: what failed, the package to add on this platform, what still works.</summary>
    public static Flux2Exception Missing(string feature, Exception loadFailure)
    {
        ArgumentNullException.ThrowIfNull(loadFailure);
        var innermost = loadFailure;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        // The first sentence: the runtime's message goes on with generic advice about strace and LD_DEBUG.
        string reason = innermost.Message.Split('\n', 2)[0].Trim();
        int sentence = reason.IndexOf(". ", StringComparison.Ordinal);
        reason = (sentence > 0 ? reason[..sentence] : reason).TrimEnd('.');
        if (reason.Length > 200)
        {
            reason = reason[..197] + "...";
        }

        return new Flux2Exception(Flux2ErrorKind.MissingDependency,
            $"{feature} needs SkiaSharp's native library (libSkiaSharp), which could not be loaded on {RuntimeInformation.RuntimeIdentifier} "
            + $"({innermost.GetType().Name}: {reason}). Add the NuGet package {PackageFor()} (the same version as SkiaSharp) to the application. "
            + "Retrying will not help. Everything else still works: generating, storing, downloading and saving images in the format the provider returned; "
            + "only converting to another format and previews need it.",
            loadFailure);
    }

    private static string PackageFor() =>
        OperatingSystem.IsLinux() ? LinuxPackage
        : OperatingSystem.IsWindows() ? "SkiaSharp.NativeAssets.Win32"
        : OperatingSystem.IsMacOS() || OperatingSystem.IsMacCatalyst() ? "SkiaSharp.NativeAssets.macOS"
        : $"SkiaSharp.NativeAssets.* for {RuntimeInformation.RuntimeIdentifier}";
}
