namespace Flux2.Cli.Tests.FaultMatrix;

/// <summary>The matrix runs alone: its cases measure time against short time-outs, so no other test class shares the two cores with it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultMatrixGroup : ICollectionFixture<FaultMatrixFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Fault matrix";
}
