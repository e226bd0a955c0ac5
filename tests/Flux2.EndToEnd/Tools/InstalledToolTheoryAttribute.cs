namespace Flux2.EndToEnd;

/// <summary>The theory form of <see cref="InstalledToolFactAttribute"/>: runs only when <c>FLUX2_TEST_INSTALLED_TOOLS=1</c>.</summary>
public sealed class InstalledToolTheoryAttribute : TheoryAttribute
{
    /// <summary>Skips unless <see cref="InstalledToolFactAttribute.Variable"/> is 1.</summary>
    public InstalledToolTheoryAttribute()
    {
        Skip = InstalledToolFactAttribute.SkipReason;
    }
}
