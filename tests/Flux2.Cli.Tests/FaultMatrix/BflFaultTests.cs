namespace Flux2.Cli.Tests.FaultMatrix;

/// <summary>The fault matrix's BFL (submit, poll, signed result URL) flow.</summary>
public sealed class BflFaultTests(FaultMatrixFixture fixture) : FaultMatrixTests(fixture, Flow)
{
    private const string Flow = "bfl";

    [Theory]
    [MemberData(nameof(Faults), Flow, MemberType = typeof(FaultMatrixTests))]
    public Task EachFault_EndsAsTheReadmePromises(string faultName) => MeetsFaultAsync(faultName);

    [Fact]
    public Task CtrlC_MidJob_Exits130_AndCancelsTheJobWhereTheProviderCan() => CtrlCMidJobAsync();
}
