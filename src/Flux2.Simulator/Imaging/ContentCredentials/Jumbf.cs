using System.Buffers.Binary;
using System.Text;

namespace Flux2.Simulator.Imaging.ContentCredentials;

/// <summary>
/// JUMBF boxes (ISO/IEC 19566-5) as C2PA uses them: a box is LBox (4-byte big-endian length, header included) + TBox
/// (4-character type) + content; a superbox ('jumb') starts with a description box ('jumd': a 16-byte type UUID, a toggles
/// byte, and, toggle 0x02, a null-terminated UTF-8 label) followed by its content boxes.
/// </summary>
internal static class Jumbf
{
    /// <summary>Toggles of every C2PA description box: requestable (0x01) and labelled (0x02).</summary>
    private const byte RequestableWithLabel = 0x03;

    /// <summary>The C2PA UUID for a 4-character role: the role's ASCII bytes followed by 0011-0010-8000-00AA00389B71.</summary>
    public static byte[] C2paUuid(string role)
    {
        var uuid = new byte[16];
        Encoding.ASCII.GetBytes(role, uuid);
        ReadOnlySpan<byte> suffix = [0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
        suffix.CopyTo(uuid.AsSpan(4));
        return uuid;
    }

    /// <summary>A plain box of type <paramref name="type"/> around <paramref name="content"/>.</summary>
    public static byte[] Box(string type, ReadOnlySpan<byte> content)
    {
        var box = new byte[8 + content.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        Encoding.ASCII.GetBytes(type, box.AsSpan(4, 4));
        content.CopyTo(box.AsSpan(8));
        return box;
    }

    /// <summary>A superbox: a description box with <paramref name="uuid"/> and <paramref name="label"/>, then <paramref name="children"/>.</summary>
    public static byte[] SuperBox(byte[] uuid, string label, params byte[][] children)
    {
        var labelBytes = Encoding.UTF8.GetBytes(label);
        var description = new byte[16 + 1 + labelBytes.Length + 1];
        uuid.CopyTo(description, 0);
        description[16] = RequestableWithLabel;
        labelBytes.CopyTo(description, 17);
        var content = new List<byte>(Box("jumd", description));
        foreach (var child in children)
        {
            content.AddRange(child);
        }

        return Box("jumb", [.. content]);
    }
}
