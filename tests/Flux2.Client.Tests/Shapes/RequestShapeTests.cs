using System.Text.Json;
using Flux2.Client.Tests.Providers;
using Flux2.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Client.Tests.Shapes;

/// <summary>
/// Every (provider, model, feature) the capability matrix says is supported is sent over real HTTP to the simulator,
/// and every body the adapter sent is validated against that model's schema, written from its published input
/// schema (<see cref="SimulatorSchemas"/>): a field the model does not list, a wrong type or a value out of range fails.
/// </summary>
public sealed class RequestShapeTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static readonly Dictionary<string, string> Dialects = new(StringComparer.Ordinal)
    {
        [Flux2Providers.Fal] = "fal-queue",
        [Flux2Providers.Bfl] = "bfl",
        [Flux2Providers.Replicate] = "replicate",
        [Flux2Providers.Together] = "together",
        [Flux2Providers.AimlApi] = "aiml",
        [Flux2Providers.Segmind] = "segmind",
    };

    private static readonly Dictionary<string, string> SchemaFolders = new(StringComparer.Ordinal)
    {
        [Flux2Providers.Fal] = "fal",
        [Flux2Providers.Bfl] = "bfl",
        [Flux2Providers.Replicate] = "replicate",
        [Flux2Providers.Together] = "together",
        [Flux2Providers.AimlApi] = "aiml",
        [Flux2Providers.Segmind] = "segmind",
    };

    /// <summary>The matrix, as the client publishes it.</summary>
    public static TheoryData<ShapeCase> Cases()
    {
        var data = new TheoryData<ShapeCase>();
        foreach (Flux2ModelCapabilities row in Matrix().Where(r => Dialects.ContainsKey(r.Provider)))
        {
            foreach (string feature in ShapeCase.Features(row))
            {
                data.Add(new ShapeCase(row.Provider, row.Model, feature));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EverySupportedRequest_ValidatesAgainstTheModelsPublishedSchema(ShapeCase shape)
    {
        string dialect = Dialects[shape.Provider];
        using var harness = AdapterHarness.Create(
            fixture.Server,
            shape.Provider,
            shape.Provider == Flux2Providers.Fal ? "fal" : dialect,
            settings => settings.QueueBaseUrl = shape.Provider == Flux2Providers.Fal ? fixture.Server.DialectUrl("fal-queue") : null);
        Flux2ModelCapabilities row = harness.Client.Capabilities.Single(r => r.Provider == shape.Provider && r.Model == shape.Model);

        Flux2ImageResult result = await harness.Client.GenerateAsync(shape.Build(row));

        Assert.NotEmpty(result.Images);
        var posts = harness.Recorder.Requests.Where(r => r.Method == HttpMethod.Post && r.Body is not null).ToList();
        Assert.NotEmpty(posts);
        foreach (AdapterHarness.RecordedRequest post in posts)
        {
            (string endpoint, JsonElement body) = Endpoint(shape.Provider, fixture.Server.DialectUrl(dialect), post);
            SimulatorSchema schema = SimulatorSchemas.Find(SchemaFolders[shape.Provider], endpoint)
                ?? throw new Xunit.Sdk.XunitException($"no schema is kept for {shape.Provider} endpoint '{endpoint}'");
            SchemaCheck check = schema.Check(body);
            Assert.True(
                check.IsValid,
                $"{shape}: the body sent to {endpoint} does not match its schema. Unknown fields: [{string.Join(", ", check.UnknownFields)}]. "
                + $"Problems: [{string.Join("; ", check.Problems.Select(p => $"{p.Field}: {p.Message}"))}]. Body: {post.Body}");
        }

        Assert.Equal(0, fixture.Server.Counters.UnknownFields);
    }

    private static IReadOnlyList<Flux2ModelCapabilities> Matrix()
    {
        var services = new ServiceCollection();
        services.AddFlux2Client(configure: options => options.EnvironmentReader = _ => null);
        using ServiceProvider provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IFlux2Client>().Capabilities;
    }

    /// <summary>The endpoint id a POST went to, and the model input it carried.</summary>
    private static (string Endpoint, JsonElement Body) Endpoint(string provider, Uri dialectUrl, AdapterHarness.RecordedRequest post)
    {
        JsonElement body = JsonDocument.Parse(post.Body!).RootElement.Clone();
        string path = post.Uri.AbsolutePath[dialectUrl.AbsolutePath.TrimEnd('/').Length..].Trim('/');
        return provider switch
        {
            Flux2Providers.Fal => (path, body),
            Flux2Providers.Bfl or Flux2Providers.Segmind => (path["v1/".Length..], body),
            Flux2Providers.Replicate => (path["v1/models/".Length..^"/predictions".Length], body.GetProperty("input")),
            _ => (body.GetProperty("model").GetString()!, body),
        };
    }
}
