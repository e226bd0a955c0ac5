namespace Flux2.Cli.Tests.FaultMatrix;

/// <summary>The fault matrix's fal synchronous (Mode=sync) flow.</summary>
public sealed class FalSyncFaultTests(FaultMatrixFixture fixture) : FaultMatrixTests(fixture, Flow)
{
    private const string Flow = "fal-sync";

    [Theory]
    [MemberData(nameof(Faults), Flow, MemberType = typeof(FaultMatrixTests))]
    public Task EachFault_EndsAsTheReadmePromises(string faultName) => MeetsFaultAsync(faultName);
}
