namespace Flux2.Cli.Tests.FaultMatrix;

/// <summary>The fault matrix's AIML API (one synchronous request) flow.</summary>
public sealed class AimlFaultTests(FaultMatrixFixture fixture) : FaultMatrixTests(fixture, Flow)
{
    private const string Flow = "aiml";

    [Theory]
    [MemberData(nameof(Faults), Flow, MemberType = typeof(FaultMatrixTests))]
    public Task EachFault_EndsAsTheReadmePromises(string faultName) => MeetsFaultAsync(faultName);
}
