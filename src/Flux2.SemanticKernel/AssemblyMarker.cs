namespace Flux2.SemanticKernel;

/// <summary>Assembly marker.</summary>
internal static class AssemblyMarker;
