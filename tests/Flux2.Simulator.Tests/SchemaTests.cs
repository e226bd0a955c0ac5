using System.Text.Json;

namespace Flux2.Simulator.Tests;

/// <summary>The per-model request schemas: every one loads, lists its fields strictly, and tells unknown fields from bad values.</summary>
public sealed class SchemaTests
{
    [Fact]
    public void EverySchema_LoadsAndForbidsFieldsItDoesNotList()
    {
        Assert.True(SimulatorSchemas.All.Count >= 40, $"only {SimulatorSchemas.All.Count} schemas were embedded");
        foreach (var schema in SimulatorSchemas.All)
        {
            var check = schema.Check(Parse("""{"prompt":"a fox","model":"m","surely_not_a_field":1}"""));
            Assert.Contains("surely_not_a_field", check.UnknownFields);
        }
    }

    [Fact]
    public void Check_TellsAnUnknownFieldFromAValueOutOfRange()
    {
        var schema = SimulatorSchemas.Find("replicate", "black-forest-labs/flux-2-klein-4b")!;

        var check = schema.Check(Parse("""{"prompt":"p","input_images":["https://x/y.png"],"output_quality":500,"aspect_ratio":"16:9"}"""));

        Assert.Equal(["input_images"], check.UnknownFields);
        var problem = Assert.Single(check.Problems);
        Assert.Equal("output_quality", problem.Field);
        Assert.False(check.IsValid);
    }

    [Fact]
    public void Check_AcceptsABodyInTheModelsShape()
    {
        var schema = SimulatorSchemas.Find("fal", "fal-ai/flux-2/lora/edit")!;

        var check = schema.Check(Parse("""{"prompt":"p","image_size":{"width":1024,"height":768},"image_urls":["https://x/a.png"],"loras":[{"path":"owner/repo","scale":1.5}],"num_images":2}"""));

        Assert.True(check.IsValid, string.Join("; ", check.UnknownFields.Concat(check.Problems.Select(p => $"{p.Field}: {p.Message}"))));
    }

    [Fact]
    public void Check_MissingRequiredFieldIsAProblem()
    {
        var schema = SimulatorSchemas.Find("fal", "fal-ai/flux-2-pro/edit")!;

        var check = schema.Check(Parse("""{"prompt":"p"}"""));

        Assert.NotEmpty(check.Problems);
        Assert.Empty(check.UnknownFields);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
