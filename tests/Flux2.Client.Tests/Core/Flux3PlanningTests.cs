using Moq;

namespace Flux2.Client.Tests.Core;

/// <summary>How the planner lays a request onto the FLUX 3 family's rows: tiers, ratios, layout, switches, prices, refusals. No HTTP.</summary>
public sealed class Flux3PlanningTests
{
    private static readonly Flux2ProviderEndpoint Endpoint = new() { BaseUrl = new Uri("https://api.bfl.ai"), ApiKey = "k" };

    private static readonly IReadOnlyList<Flux2ModelCapabilities> Matrix = [.. BflModels.All, .. FalModelCatalog.Rows("fal"), .. ReplicateModels.All];

    private static Flux2ModelCapabilities Row(string provider, string model) => Matrix.Single(r => r.Provider == provider && r.Model == model);

    private static Flux2CallPlan Plan(Flux2ImageRequest request, string provider = "bfl")
    {
        string model = Flux2RequestPlanner.Validate(request, Flux2Models.Pro);
        var adapter = new Mock<IFlux2Provider>();
        adapter.SetupGet(p => p.Name).Returns(provider);
        adapter.SetupGet(p => p.Models).Returns([.. Matrix.Where(r => r.Provider == provider)]);
        return Flux2RequestPlanner.Plan(request, adapter.Object, Row(provider, model), Endpoint, Matrix);
    }

    [Fact]
    public void ASizeInPixels_GoesOutAsTheNearestPresetAndTier_WithAWarningNamingWhatComesBack()
    {
        var plan = Plan(new Flux2ImageRequest { Prompt = "a harbour", Model = Flux2Models.Flux3Image, Size = "1920x1080" });

        var call = Assert.Single(plan.Calls);
        Assert.Equal("16:9", call.AspectRatio);
        Assert.Equal("1.5k", call.Resolution); // 2.07 MP: nearest 1.5k (2.36 MP) on a log scale, not 1k (1.04) or 2k (4.19)
        Assert.Contains("size 1920x1080 goes out as aspect_ratio 16:9 at resolution 1.5k: flux-3-image on bfl takes no exact size, so about 2048x1152 comes back (the result's size is read from the image).", plan.Warnings);
    }

    [Theory]
    [InlineData("1k", "16:9", 1360, 768)]     // BFL's FLUX 3 page: 1k at 16:9 is 1360x768
    [InlineData("1.5k", "16:9", 2048, 1152)]  // 1.5k at 16:9 is 2048x1152
    [InlineData("2k", "1:1", 2048, 2048)]     // 2k at 1:1 is 2048x2048
    [InlineData("4k", "16:9", 5456, 3072)]    // 4k at 16:9 is 5456x3072
    public void TheExpectedPixels_OfATierAndRatio_AreThePublishedOnes(string tier, string ratio, int width, int height)
    {
        string size = ratio == "16:9" ? "1600x900" : "1000x1000";

        var call = Plan(new Flux2ImageRequest { Prompt = "x", Model = Flux2Models.Flux3Image, Size = size, Resolution = tier }).Calls[0];

        Assert.Equal(ratio, call.AspectRatio);
        Assert.Equal(tier, call.Resolution);
        Assert.Equal((width, height), (call.Width, call.Height));
    }

    [Fact]
    public void NoSize_LeavesTheRatioToTheModel_AtTheDefaultTier()
    {
        var call = Plan(new Flux2ImageRequest { Prompt = "x", Model = Flux2Models.Flux3Image }).Calls[0];

        Assert.Null(call.AspectRatio);
        Assert.Equal("1k", call.Resolution);
    }

    [Fact]
    public void ATierTheProviderDoesNotOffer_IsTheNearestOffered_WithAWarning()
    {
        var plan = Plan(new Flux2ImageRequest { Prompt = "x", Model = Flux2Models.Flux3Image, Resolution = "1.5k" }, "fal");

        Assert.Equal("2k", plan.Calls[0].Resolution);
        Assert.Contains("resolution 1.5k is not offered by flux-3-image on fal (allowed: 768sq, 1k, 2k, 4k); 2k is used.", plan.Warnings);
    }

    [Fact]
    public void SeedStepsGuidanceAndFormat_AreNotSentToFlux3_EachWithAWarning()
    {
        var plan = Plan(new Flux2ImageRequest { Prompt = "x", Model = Flux2Models.Flux3Image, Seed = 7, Steps = 20, GuidanceScale = 3, OutputFormat = "png" });

        var call = plan.Calls[0];
        Assert.Null(call.Seed);
        Assert.Null(call.Steps);
        Assert.Null(call.GuidanceScale);
        Assert.Null(call.OutputFormat);
        Assert.Contains("seed was ignored: flux-3-image on bfl takes no seed.", plan.Warnings);
        Assert.Contains("num_inference_steps was ignored: flux-3-image on bfl takes no steps.", plan.Warnings);
        Assert.Contains(plan.Warnings, w => w.StartsWith("output_format was ignored: flux-3-image on bfl chooses its own format", StringComparison.Ordinal));
    }

    [Fact]
    public void ALayout_OnAFlux2Model_IsRefusedBeforeAnyCall_NamingWhereLayoutsWork()
    {
        var request = new Flux2ImageRequest { Prompt = "a fox <fox>", Model = Flux2Models.Pro, Layout = [new Flux2LayoutBox("fox", [0.1, 0.4, 0.5, 0.9])] };

        var error = Assert.Throws<Flux2Exception>(() => Plan(request));

        Assert.Equal(Flux2ErrorKind.Unsupported, error.Kind);
        Assert.Equal("layout", error.Parameter);
        Assert.Equal("flux-2-pro on bfl takes no layout. Layout works on: flux-3-image (bfl, fal, replicate); flux-3-image-klein (bfl); flux-3.1-image (bfl, fal). Choose one of those, or drop layout.", error.Message);
    }

    [Fact]
    public void ALayout_PlacesBoxesOnA1To1Frame_WhenNoSizeIsGiven_AndWarnsOfALabelTheClientForgotToName()
    {
        var plan = Plan(new Flux2ImageRequest
        {
            Prompt = "a fox <fox> under a tree",
            Model = Flux2Models.Flux31Image,
            Layout = [new Flux2LayoutBox("fox", [0.1, 0.4, 0.5, 0.9], "a red fox"), new Flux2LayoutBox("tree", [0.5, 0, 1, 1])],
        });

        Assert.Equal("1:1", plan.Calls[0].AspectRatio);
        Assert.Equal(2, plan.Calls[0].Layout.Count);
        Assert.Contains("layout box 'tree' is not named as <tree> in the prompt, so the model may not place it; write <tree> where it belongs.", plan.Warnings);
    }

    [Theory]
    [InlineData("1fox", "layout[0].label '1fox' is not allowed")]
    [InlineData("my fox", "layout[0].label 'my fox' is not allowed")]
    [InlineData("fox", "layout[1].label 'fox' is used twice")]
    public void LayoutLabels_AreCheckedAsTheProviderRequires(string secondLabel, string message)
    {
        var request = new Flux2ImageRequest { Prompt = "x", Model = Flux2Models.Flux31Image };
        if (secondLabel == "fox")
        {
            request.Layout = [new Flux2LayoutBox("fox", [0, 0, 1, 1]), new Flux2LayoutBox("fox", [0, 0, 1, 1])];
        }
        else
        {
            request.Layout = [new Flux2LayoutBox(secondLabel, [0, 0, 1, 1])];
        }

        var error = Assert.Throws<Flux2Exception>(() => Flux2RequestPlanner.Validate(request, Flux2Models.Pro));

        Assert.Equal("layout", error.Parameter);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 0.5, 0.1, 0.4, 0.9 })]
    [InlineData(new[] { 0.1, 0.4, 0.5 })]
    [InlineData(new[] { 0.1, 0.4, 0.5, 1.2 })]
    public void ALayoutBox_MustBeFourFractionsFromTheTopLeft(double[] box)
    {
        var request = new Flux2ImageRequest { Prompt = "x", Model = Flux2Models.Flux31Image, Layout = [new Flux2LayoutBox("fox", box)] };

        var error = Assert.Throws<Flux2Exception>(() => Flux2RequestPlanner.Validate(request, Flux2Models.Pro));

        Assert.Contains("allowed: four fractions [x0, y0, x1, y1] from 0 to 1, edges from the top-left, with x0 < x1 and y0 < y1.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreThan32Boxes_AreRefused()
    {
        var request = new Flux2ImageRequest
        {
            Prompt = "x",
            Model = Flux2Models.Flux31Image,
            Layout = [.. Enumerable.Range(0, 33).Select(i => new Flux2LayoutBox($"b{i}", [0, 0, 1, 1]))],
        };

        var error = Assert.Throws<Flux2Exception>(() => Flux2RequestPlanner.Validate(request, Flux2Models.Pro));

        Assert.Equal("layout has 33 boxes; allowed: at most 32.", error.Message);
    }

    [Fact]
    public void Grounding_IsTheProvidersDefaultUnlessAsked_AndIgnoredWithAWarningWhereThereIsNoSwitch()
    {
        Assert.True(Plan(new Flux2ImageRequest { Prompt = "x", Model = Flux2Models.Flux3Image }).Grounding);
        var off = Plan(new Flux2ImageRequest { Prompt = "x", Model = Flux2Models.Flux3Image, Grounding = false });
        var onFal = Plan(new Flux2ImageRequest { Prompt = "x", Model = Flux2Models.Flux3Image, Grounding = false }, "fal");

        Assert.False(off.Grounding);
        Assert.False(off.Calls[0].Grounding);
        Assert.Null(onFal.Grounding);
        Assert.Contains("grounding was ignored: flux-3-image on fal has no grounding switch.", onFal.Warnings);
    }

    [Fact]
    public void Mode_GoesTo31_AndIsIgnoredWithAWarningElsewhere()
    {
        Assert.Equal("fast", Plan(new Flux2ImageRequest { Prompt = "x", Model = Flux2Models.Flux31Image, Mode = "Fast" }).Calls[0].Mode);
        var flux3 = Plan(new Flux2ImageRequest { Prompt = "x", Model = Flux2Models.Flux3Image, Mode = "fast" });

        Assert.Null(flux3.Calls[0].Mode);
        Assert.Contains("mode was ignored: flux-3-image on bfl has no fast mode.", flux3.Warnings);
    }

    [Theory]
    [InlineData("bfl", Flux2Models.Flux3Image, "768sq", 0.041)] // bfl.ai pricing: $0.041 / 0.048 / 0.07 / 0.10 / 0.607 per image
    [InlineData("bfl", Flux2Models.Flux3Image, "4k", 0.607)]
    [InlineData("bfl", Flux2Models.Flux3ImageKlein, "2k", 0.014)] // Klein $0.009 .. 0.036
    [InlineData("fal", Flux2Models.Flux31Image, "2k", 0.06)]      // fal FLUX 3.1: $0.03 / 0.06 / 0.28
    [InlineData("fal", Flux2Models.Flux3Image, "1k", 0.048)]
    public void TheEstimate_IsThePublishedPricePerImageOfTheTier_TimesTheCount(string provider, string model, string tier, double perImage)
    {
        var plan = Plan(new Flux2ImageRequest { Prompt = "x", Model = model, Resolution = tier, NumImages = 3 }, provider);

        Assert.Equal((decimal)perImage * 3, plan.EstimatedUsd);
        Assert.Equal(3, plan.Calls.Count);
    }

    [Theory]
    [InlineData("fal", Flux2Models.Flux3Image, "2k")]  // fal's post-launch 2k price is unpublished
    [InlineData("bfl", Flux2Models.Flux31Image, "1k")] // BFL's 3.1 prices are unpublished
    [InlineData("replicate", Flux2Models.Flux3Image, "1k")]
    public void AnUnpublishedTierPrice_IsUnknown_NeverBorrowed(string provider, string model, string tier)
    {
        Assert.Null(Plan(new Flux2ImageRequest { Prompt = "x", Model = model, Resolution = tier }, provider).EstimatedUsd);
    }

    [Fact]
    public void AResolutionOnAFlux2Model_AsksForThatAreaSquare_AndIsIgnoredWhenASizeIsGiven()
    {
        var square = Plan(new Flux2ImageRequest { Prompt = "x", Model = Flux2Models.Pro, Resolution = "768sq" });
        var sized = Plan(new Flux2ImageRequest { Prompt = "x", Model = Flux2Models.Pro, Resolution = "2k", Size = "1024x768" });

        Assert.Equal((768, 768), (square.Calls[0].Width, square.Calls[0].Height));
        Assert.Equal((1024, 768), (sized.Calls[0].Width, sized.Calls[0].Height));
        Assert.Contains("resolution 2k was ignored: flux-2-pro on bfl takes an exact size, and size 1024x768 was given.", sized.Warnings);
    }

    [Fact]
    public void AModelAProviderDoesNotServe_IsRefusedNamingTheProvidersThatServeIt()
    {
        IFlux2Provider together = Adapter("together", TogetherModels.All);
        var resolver = new Flux2ProviderResolver(
            [together, Adapter("bfl", BflModels.All), Adapter("fal", FalModelCatalog.Rows("fal"))],
            Microsoft.Extensions.Options.Options.Create(new Flux2ClientOptions()),
            fallback: null,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var error = Assert.Throws<Flux2Exception>(() => resolver.RowFor(together, Flux2Models.Flux31Image));

        Assert.Equal(Flux2ErrorKind.Unsupported, error.Kind);
        Assert.EndsWith("flux-3.1-image is served by: bfl, fal.", error.Message, StringComparison.Ordinal);
    }

    private static IFlux2Provider Adapter(string name, IReadOnlyList<Flux2ModelCapabilities> rows)
    {
        var adapter = new Mock<IFlux2Provider>();
        adapter.SetupGet(p => p.Name).Returns(name);
        adapter.SetupGet(p => p.Models).Returns(rows);
        return adapter.Object;
    }
}
