namespace Flux2.EndToEnd;

/// <summary>
/// Every end-to-end test shares the Node tooling and runs in this one collection, one test at a time: they start
/// servers and Node processes, and the machine has two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEndGroup : ICollectionFixture<NodeToolsFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "End-to-end";
}
