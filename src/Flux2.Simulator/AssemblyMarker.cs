namespace Flux2.Simulator;

/// <summary>Assembly marker.</summary>
internal static class AssemblyMarker;
