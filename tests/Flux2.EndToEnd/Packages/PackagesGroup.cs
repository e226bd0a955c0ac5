namespace Flux2.EndToEnd;

/// <summary>The tests that pack the libraries and build an app on them: alone, since each packs, restores and builds (two cores).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackagesGroup
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Packages";
}
