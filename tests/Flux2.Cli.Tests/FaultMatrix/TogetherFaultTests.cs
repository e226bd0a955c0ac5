namespace Flux2.Cli.Tests.FaultMatrix;

/// <summary>The fault matrix's Together (one synchronous request) flow.</summary>
public sealed class TogetherFaultTests(FaultMatrixFixture fixture) : FaultMatrixTests(fixture, Flow)
{
    private const string Flow = "together";

    [Theory]
    [MemberData(nameof(Faults), Flow, MemberType = typeof(FaultMatrixTests))]
    public Task EachFault_EndsAsTheReadmePromises(string faultName) => MeetsFaultAsync(faultName);

    [Fact]
    public Task CtrlC_MidJob_Exits130_AndCancelsTheJobWhereTheProviderCan() => CtrlCMidJobAsync();
}
