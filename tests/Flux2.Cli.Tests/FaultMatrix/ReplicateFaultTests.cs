namespace Flux2.Cli.Tests.FaultMatrix;

/// <summary>The fault matrix's Replicate (create, get, output URL) flow.</summary>
public sealed class ReplicateFaultTests(FaultMatrixFixture fixture) : FaultMatrixTests(fixture, Flow)
{
    private const string Flow = "replicate";

    [Theory]
    [MemberData(nameof(Faults), Flow, MemberType = typeof(FaultMatrixTests))]
    public Task EachFault_EndsAsTheReadmePromises(string faultName) => MeetsFaultAsync(faultName);

    [Fact]
    public Task CtrlC_MidJob_Exits130_AndCancelsTheJobWhereTheProviderCan() => CtrlCMidJobAsync();
}
