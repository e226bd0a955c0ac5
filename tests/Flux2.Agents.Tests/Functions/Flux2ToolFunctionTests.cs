using System.Text.Json;
using Flux2.Client;
using Microsoft.Extensions.AI;

namespace Flux2.Agents.Tests;

public sealed class Flux2ToolFunctionTests : IDisposable
{
    private readonly ToolHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void AsAIFunctions_AreGenerateThenDownload_WithTheSharedDescriptions()
    {
        var functions = _harness.Tools.AsAIFunctions();

        Assert.Equal([Flux2ToolNames.GenerateImage, Flux2ToolNames.DownloadImage], functions.Select(f => f.Name));
        Assert.Equal(Flux2ToolDescriptions.GenerateImage, functions[0].Description);
        Assert.Equal(Flux2ToolDescriptions.Prompt, functions[0].JsonSchema.GetProperty("properties").GetProperty("prompt").GetProperty("description").GetString());
        Assert.Same(functions[0], _harness.Tools.AsAIFunctions()[0]);
    }

    [Fact]
    public void Schemas_AreLean_OneTypePerProperty_NoNullDefaults_RangesAsDescribed()
    {
        foreach (var function in _harness.Tools.AsAIFunctions())
        {
            AssertLean(function.JsonSchema, function.Name + " input");
            AssertLean(function.ReturnJsonSchema!.Value, function.Name + " output");
        }

        var generate = _harness.Tools.AsAIFunctions()[0].JsonSchema;
        var properties = generate.GetProperty("properties");
        Assert.Equal(["prompt"], generate.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(
            ["prompt", "model", "size", "resolution", "layout", "mode", "grounding", "num_images", "seed", "guidance_scale", "num_inference_steps", "output_format", "safety_tolerance", "reference_images", "loras", "provider"],
            properties.EnumerateObject().Select(p => p.Name));
        Assert.Equal((1, 50), Range(properties.GetProperty("num_inference_steps")));
        Assert.Equal((0, 20), Range(properties.GetProperty("guidance_scale")));
        Assert.Equal((1, 4), Range(properties.GetProperty("num_images")));
        Assert.Equal((0, 6), Range(properties.GetProperty("safety_tolerance")));
        Assert.Equal(["png", "jpeg", "webp"], properties.GetProperty("output_format").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("string", properties.GetProperty("reference_images").GetProperty("items").GetProperty("type").GetString());
        var lora = properties.GetProperty("loras").GetProperty("items");
        Assert.Equal(["path"], lora.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal((0, 4), Range(lora.GetProperty("properties").GetProperty("scale")));

        var download = _harness.Tools.AsAIFunctions()[1].JsonSchema;
        Assert.Equal(["url"], download.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("boolean", download.GetProperty("properties").GetProperty("overwrite").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Invoke_WithJsonElementArguments_GeneratesAndReturnsTheResultAsJson()
    {
        var generate = _harness.Tools.AsAIFunctions()[0];

        var result = await generate.InvokeAsync(Arguments(new
        {
            prompt = "a fox",
            num_images = 2,
            seed = 42,
            reference_images = new[] { "https://example.com/a.png" },
            loras = new object[] { new { path = "owner/style-lora", scale = 0.8 }, new { path = "https://example.com/b.safetensors" } },
        }));

        var json = Assert.IsType<JsonElement>(result);
        Assert.Equal(2, json.GetProperty("images").GetArrayLength());
        Assert.True(File.Exists(json.GetProperty("images")[0].GetProperty("path").GetString()));
        var request = Assert.Single(_harness.Client.Requests);
        Assert.Equal(("a fox", 2, 42L), (request.Prompt, request.NumImages, request.Seed));
        Assert.Equal(["https://example.com/a.png"], request.ReferenceImages);
        Assert.Equal([new Flux2Lora("owner/style-lora", 0.8), new Flux2Lora("https://example.com/b.safetensors", 1.0)], request.Loras);
    }

    [Fact]
    public async Task Invoke_WithArgumentsAsText_BindsThemAsTheirTypes()
    {
        // Semantic Kernel and some hosts hand every argument over as text.
        var generate = _harness.Tools.AsAIFunctions()[0];

        var result = await generate.InvokeAsync(new AIFunctionArguments
        {
            ["prompt"] = "a fox",
            ["num_images"] = "3",
            ["guidance_scale"] = "4.5",
            ["reference_images"] = "[\"https://example.com/a.png\"]",
            ["model"] = "flux-2-flex",
        });

        Assert.False(((JsonElement)result!).TryGetProperty("error", out _));
        var request = Assert.Single(_harness.Client.Requests);
        Assert.Equal((3, 4.5, "flux-2-flex"), (request.NumImages, request.GuidanceScale, request.Model));
        Assert.Equal(["https://example.com/a.png"], request.ReferenceImages);
    }

    [Theory]
    [InlineData("{\"prompt\":\"a fox\",\"colour\":\"red\"}", "colour", "allowed: prompt, model, size")]
    [InlineData("{\"prompt\":\"a fox\",\"num_images\":\"many\"}", "num_images", "an integer")]
    [InlineData("{\"prompt\":\"a fox\",\"num_images\":9}", "num_images", "allowed: 1 to 4")]
    [InlineData("{\"prompt\":\"a fox\",\"num_inference_steps\":80}", "num_inference_steps", "allowed: 1 to 50")]
    [InlineData("{\"prompt\":\"a fox\",\"loras\":[{\"path\":\"a/b\",\"scale\":7}]}", "loras", "0 to 4")]
    [InlineData("{\"prompt\":\"a fox\",\"loras\":[{\"scale\":1}]}", "loras", "path")]
    [InlineData("{\"seed\":1}", "prompt", "prompt is required")]
    public async Task Invoke_BadArguments_ReturnsAnInvalidArgumentErrorNamingWhatIsAllowed_AndSendsNothing(string json, string parameter, string hint)
    {
        var generate = _harness.Tools.AsAIFunctions()[0];

        var result = (JsonElement)(await generate.InvokeAsync(Arguments(JsonDocument.Parse(json).RootElement)))!;

        Assert.Equal("invalid_argument", result.GetProperty("error").GetString());
        Assert.Equal(parameter, result.GetProperty("parameter").GetString());
        Assert.Contains(hint, result.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_harness.Client.Requests);
    }

    [Fact]
    public async Task Invoke_WithANonFiniteNumber_IsAnInvalidArgument()
    {
        var result = (JsonElement)(await _harness.Tools.AsAIFunctions()[0].InvokeAsync(new AIFunctionArguments { ["prompt"] = "a fox", ["guidance_scale"] = double.NaN }))!;

        Assert.Equal("invalid_argument", result.GetProperty("error").GetString());
        Assert.Equal("guidance_scale", result.GetProperty("parameter").GetString());
        Assert.Empty(_harness.Client.Requests);
    }

    [Fact]
    public async Task InvokeForOutcome_ReportsProgressToTheSinkInTheArguments()
    {
        var generate = (Flux2ToolFunction)_harness.Tools.AsAIFunctions()[0];
        var reports = new List<Flux2Progress>();
        var arguments = Arguments(new { prompt = "a fox" });
        Flux2ToolFunction.SetProgress(arguments, new SyncProgress(reports.Add));

        var outcome = await generate.InvokeForOutcomeAsync(arguments);

        Assert.False(outcome.IsError);
        Assert.IsType<Flux2GenerateImageOutput>(outcome.Output);
        Assert.Contains(reports, r => r.Status == Flux2ProgressStatus.Queued);
    }

    [Fact]
    public async Task Invoke_Cancelled_ThrowsInsteadOfReturningAnError()
    {
        _harness.Client.Respond = _ => throw new OperationCanceledException();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _harness.Tools.AsAIFunctions()[0].InvokeAsync(Arguments(new { prompt = "a fox" }), cancellation.Token).AsTask());
    }

    [Fact]
    public async Task Invoke_UnexpectedFailure_IsAnInternalErrorWithoutItsMessage()
    {
        _harness.Client.Respond = _ => throw new InvalidOperationException("secret detail /home/me");

        var result = (JsonElement)(await _harness.Tools.AsAIFunctions()[0].InvokeAsync(Arguments(new { prompt = "a fox" })))!;

        Assert.Equal("internal_error", result.GetProperty("error").GetString());
        Assert.DoesNotContain("secret detail", result.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void RequireApprovalForDownload_WrapsOnlyDownloadImage()
    {
        var functions = _harness.Tools.AsAIFunctions(new Flux2ToolFunctionOptions { RequireApprovalForDownload = true });

        Assert.IsNotType<ApprovalRequiredAIFunction>(functions[0]);
        var download = Assert.IsType<ApprovalRequiredAIFunction>(functions[1]);
        Assert.Equal(Flux2ToolNames.DownloadImage, download.Name);
        Assert.IsNotType<ApprovalRequiredAIFunction>(_harness.Tools.AsAIFunctions()[1]);
    }

    [Fact]
    public async Task DownloadImage_AsFunction_SavesAStoredImage()
    {
        var generated = (JsonElement)(await _harness.Tools.AsAIFunctions()[0].InvokeAsync(Arguments(new { prompt = "a fox" })))!;
        string uri = generated.GetProperty("images")[0].GetProperty("uri").GetString()!;

        var saved = (JsonElement)(await _harness.Tools.AsAIFunctions()[1].InvokeAsync(Arguments(new { url = uri, path = "fox.png" })))!;

        Assert.Equal(Path.Combine(_harness.OutputDirectory, "fox.png"), saved.GetProperty("path").GetString());
        Assert.Equal(64, saved.GetProperty("sha256").GetString()!.Length);
    }

    internal static void AssertLean(JsonElement schema, string where)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in schema.EnumerateObject())
                {
                    Assert.False(property.Name == "type" && property.Value.ValueKind != JsonValueKind.String, $"{where}: a type union {property.Value}");
                    Assert.False(property.Name == "default" && property.Value.ValueKind == JsonValueKind.Null, $"{where}: default null");
                    Assert.False(property.Name == "enum" && property.Value.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.Null), $"{where}: null in an enum");
                    AssertLean(property.Value, where);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in schema.EnumerateArray())
                {
                    AssertLean(item, where);
                }

                break;
        }
    }

    private static (int, int) Range(JsonElement schema) =>
        ((int)schema.GetProperty("minimum").GetDouble(), (int)schema.GetProperty("maximum").GetDouble());

    private static AIFunctionArguments Arguments(object values) => Arguments(JsonSerializer.SerializeToElement(values));

    private static AIFunctionArguments Arguments(JsonElement values)
    {
        var arguments = new AIFunctionArguments();
        foreach (var property in values.EnumerateObject())
        {
            arguments[property.Name] = property.Value.Clone();
        }

        return arguments;
    }

    private sealed class SyncProgress(Action<Flux2Progress> report) : IProgress<Flux2Progress>
    {
        public void Report(Flux2Progress value) => report(value);
    }
}
