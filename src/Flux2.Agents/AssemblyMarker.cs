namespace Flux2.Agents;

/// <summary>Assembly marker.</summary>
internal static class AssemblyMarker;
