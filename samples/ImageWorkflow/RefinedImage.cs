namespace ImageWorkflow;

/// <summary>The refinement of the chosen candidate.</summary>
/// <param name="Choice">The choice it refines.</param>
/// <param name="Uri">flux2://images/{id} of the refined image.</param>
/// <param name="Provider">The provider that made it.</param>
/// <param name="Model">The FLUX.2 model that made it.</param>
/// <param name="Simulated">True when the built-in simulator made it.</param>
internal sealed record RefinedImage(CandidateChoice Choice, string Uri, string Provider, string Model, bool Simulated);
