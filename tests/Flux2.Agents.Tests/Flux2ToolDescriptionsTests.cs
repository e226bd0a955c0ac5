using System.Reflection;

namespace Flux2.Agents.Tests;

public sealed class Flux2ToolDescriptionsTests
{
    public static TheoryData<string> Parameters => new()
    {
        nameof(Flux2ToolDescriptions.Model), nameof(Flux2ToolDescriptions.Size), nameof(Flux2ToolDescriptions.GuidanceScale),
        nameof(Flux2ToolDescriptions.NumInferenceSteps), nameof(Flux2ToolDescriptions.OutputFormat), nameof(Flux2ToolDescriptions.SafetyTolerance),
        nameof(Flux2ToolDescriptions.Provider),
    };

    [Theory]
    [MemberData(nameof(Parameters))]
    public void OptionalParameterDescription_StatesItsDefaultBriefly(string name)
    {
        string text = (string)typeof(Flux2ToolDescriptions).GetField(name, BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;

        Assert.Contains("Default", text);
        Assert.True(text.Length <= 260, $"{name} is {text.Length} characters; every word costs the agent context");
    }
}
