namespace ImageWorkflow;

/// <summary>What the workflow is asked to make: the first prompt, the refinement prompt, and how the images look and are saved.</summary>
/// <param name="Prompt">What the candidates show.</param>
/// <param name="RefinePrompt">How the chosen candidate is changed; it is sent with the candidate as reference image 1.</param>
/// <param name="Size">A size preset or WIDTHxHEIGHT, the same for every image.</param>
/// <param name="OutputFormat">png, jpeg or webp.</param>
/// <param name="FinalFileName">The file name of the downloaded result, inside the output directory.</param>
internal sealed record ImageBrief(string Prompt, string RefinePrompt, string Size, string OutputFormat, string FinalFileName);
