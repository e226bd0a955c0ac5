namespace Flux2.Simulator.Dialects.Flux3;

/// <summary>FLUX 3 always expands the prompt and returns the expanded text; the simulator's expansion appends a sentence, visibly longer.</summary>
internal static class Flux3Prompt
{
    /// <summary>The sentence the simulator appends.</summary>
    public const string Addition = "Rendered with natural light, a balanced composition and crisp detail throughout the frame.";

    /// <summary>The expanded prompt.</summary>
    public static string Expand(string prompt) => $"{prompt.TrimEnd()} {Addition}";
}
