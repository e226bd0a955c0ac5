namespace Flux2.Cli.Tests.FaultMatrix;

/// <summary>The fault matrix's Segmind (one synchronous request, image bytes inline) flow.</summary>
public sealed class SegmindFaultTests(FaultMatrixFixture fixture) : FaultMatrixTests(fixture, Flow)
{
    private const string Flow = "segmind";

    [Theory]
    [MemberData(nameof(Faults), Flow, MemberType = typeof(FaultMatrixTests))]
    public Task EachFault_EndsAsTheReadmePromises(string faultName) => MeetsFaultAsync(faultName);
}
