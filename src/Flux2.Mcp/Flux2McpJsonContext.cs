using System.Text.Json.Serialization;

namespace Flux2.Mcp;

/// <summary>Source-generated JSON for the tool parameter types, so argument binding needs no reflection (Native AOT).</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(long?))]
[JsonSerializable(typeof(double?))]
[JsonSerializable(typeof(bool))]
internal sealed partial class Flux2McpJsonContext : JsonSerializerContext;
