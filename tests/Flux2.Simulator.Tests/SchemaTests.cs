using System.Text.Json;
using System.Text.RegularExpressions;

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

    [Fact]
    public void EverySchema_NamesTheProvidersPageAndTheDateItWasRead_NotAnInternalDocument()
    {
        var source = new Regex(@"^Source: (?<url>https://\S+) \(read (?<date>\d{4}-\d{2}(-\d{2})?)[);,]", RegexOptions.CultureInvariant);
        var files = typeof(SimulatorSchemas).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("Flux2.Simulator.Schemas/", StringComparison.Ordinal)).ToList();
        Assert.Equal(SimulatorSchemas.All.Count, files.Count);
        foreach (var name in files)
        {
            using var stream = typeof(SimulatorSchemas).Assembly.GetManifestResourceStream(name)!;
            using var document = JsonDocument.Parse(stream);
            var text = document.RootElement.GetRawText();
            var comment = document.RootElement.TryGetProperty("$comment", out var c) ? c.GetString() ?? "" : "";

            var match = source.Match(comment);
            Assert.True(match.Success, $"{name}: $comment must start with 'Source: <https url> (read YYYY-MM[-DD])', got: {comment}");
            Assert.True(Uri.TryCreate(match.Groups["url"].Value.TrimEnd('.', ','), UriKind.Absolute, out var url) && url.Host.Contains('.', StringComparison.Ordinal), $"{name}: bad source URL");
            Assert.True(string.CompareOrdinal(match.Groups["date"].Value, "2026-01") >= 0, $"{name}: read date {match.Groups["date"].Value} is not a 2026 date");
            foreach (var internalDocument in new[] { "PROVIDERS.md", "FLUX3.md", "DESIGN.md" })
            {
                Assert.DoesNotContain(internalDocument, text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Theory]
    [InlineData("bfl", "flux-3-image")]
    [InlineData("bfl", "flux-3-image-klein")]
    [InlineData("bfl", "flux-3.1-image")]
    [InlineData("fal", "blackforestlabs/flux-3/text-to-image")]
    [InlineData("fal", "blackforestlabs/flux-3/edit-image")]
    [InlineData("fal", "fal-ai/flux-3.1-image")]
    [InlineData("fal", "blackforestlabs/flux-3.1/edit-image")]
    [InlineData("replicate", "black-forest-labs/flux-3-image")]
    public void Flux3Family_HasASchemaPerEndpoint_ThatTakesAPromptAndRefusesASeed(string provider, string endpoint)
    {
        var schema = SimulatorSchemas.Find(provider, endpoint);

        Assert.NotNull(schema);
        var body = endpoint.Contains("edit", StringComparison.Ordinal) ? """{"prompt":"a fox","image_urls":["https://example.com/a.png"]}""" : """{"prompt":"a fox"}""";
        Assert.True(schema.Check(Parse(body)).IsValid);
        Assert.Contains("seed", schema.Check(Parse(body.Replace("}", ""","seed":1}""", StringComparison.Ordinal))).UnknownFields);
    }

    [Fact]
    public void Flux31_BoundingBoxes_FollowBflsRules()
    {
        var schema = SimulatorSchemas.Find("bfl", "flux-3.1-image")!;

        Assert.True(schema.Check(Parse("""{"prompt":"<fox>","bounding_boxes":[{"id":"fox","bbox":[0.1,0.2,0.5,0.9],"desc":"a fox"}],"resolution":"1MP","mode":"fast","aspect_ratio":"match_first_image"}""")).IsValid);
        Assert.False(schema.Check(Parse("""{"prompt":"p","bounding_boxes":[{"id":"1fox","bbox":[0.1,0.2,0.5,0.9]}]}""")).IsValid);
        Assert.False(schema.Check(Parse("""{"prompt":"p","bounding_boxes":[{"id":"fox","bbox":[0.1,0.2,1.5,0.9]}]}""")).IsValid);
        Assert.False(schema.Check(Parse("""{"prompt":"p","images":["https://x/a.png"],"bounding_boxes":[{"id":"fox","from":"target","src_bbox":[0,0,1,1],"tgt_bbox":[0,0,1,1]}]}""")).IsValid);
        Assert.True(schema.Check(Parse("""{"prompt":"p","images":["https://x/a.png"],"bounding_boxes":[{"id":"fox","from":"ref_image_0","src_bbox":[0,0,1,1],"tgt_bbox":[0,0,0.5,0.5]}]}""")).IsValid);
        Assert.False(schema.Check(Parse("""{"prompt":"p","bounding_boxes":[]}""")).IsValid);
    }

    [Fact]
    public void Fal31_BoundingBoxes_AcceptAnIdOrALabel()
    {
        var schema = SimulatorSchemas.Find("fal", "fal-ai/flux-3.1-image")!;

        Assert.True(schema.Check(Parse("""{"prompt":"<fox>","bounding_boxes":[{"label":"fox","bbox":[0.1,0.2,0.5,0.9]}]}""")).IsValid);
        Assert.True(schema.Check(Parse("""{"prompt":"<fox>","bounding_boxes":[{"id":"fox","bbox":[0.1,0.2,0.5,0.9]}]}""")).IsValid);
        Assert.False(schema.Check(Parse("""{"prompt":"<fox>","bounding_boxes":[{"bbox":[0.1,0.2,0.5,0.9]}]}""")).IsValid);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
