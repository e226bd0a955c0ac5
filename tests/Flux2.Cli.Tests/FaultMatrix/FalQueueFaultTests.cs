namespace Flux2.Cli.Tests.FaultMatrix;

/// <summary>The fault matrix's fal queue (submit, status stream, result) flow.</summary>
public sealed class FalQueueFaultTests(FaultMatrixFixture fixture) : FaultMatrixTests(fixture, Flow)
{
    private const string Flow = "fal-queue";

    [Theory]
    [MemberData(nameof(Faults), Flow, MemberType = typeof(FaultMatrixTests))]
    public Task EachFault_EndsAsTheReadmePromises(string faultName) => MeetsFaultAsync(faultName);

    [Fact]
    public Task CtrlC_MidJob_Exits130_AndCancelsTheJobWhereTheProviderCan() => CtrlCMidJobAsync();
}
