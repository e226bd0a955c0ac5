using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Flux2.Cli;

/// <summary>Writes JSON documents (indented) and JSON lines (compact) to a writer.</summary>
internal static class CliJson
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one indented JSON document and a newline.</summary>
    public static void WriteDocument<T>(TextWriter writer, T value, JsonTypeInfo<T> typeInfo) =>
        writer.WriteLine(Serialize(value, typeInfo, Indented));

    /// <summary>The compact one-line JSON of a value.</summary>
    public static string Line<T>(T value, JsonTypeInfo<T> typeInfo) => Serialize(value, typeInfo, Compact);

    private static string Serialize<T>(T value, JsonTypeInfo<T> typeInfo, JsonWriterOptions options)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, options))
        {
            JsonSerializer.Serialize(json, value, typeInfo);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
