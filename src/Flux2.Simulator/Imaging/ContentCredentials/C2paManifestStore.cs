using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;

namespace Flux2.Simulator.Imaging.ContentCredentials;

/// <summary>
/// Builds a C2PA 2.x manifest store: the JUMBF superbox labelled <c>c2pa</c> holding one manifest superbox
/// (<c>urn:c2pa:{uuid}</c>) with an assertion store (<c>c2pa.actions.v2</c>: created by a trained algorithm;
/// <c>c2pa.hash.data</c>: the hard binding of the image bytes outside the store), a claim (<c>c2pa.claim.v2</c>, hashing
/// both assertions) and a claim signature (<c>c2pa.signature</c>, see <see cref="C2paSigner"/>). The box structure and
/// CBOR content follow the specification.
/// </summary>
internal static class C2paManifestStore
{
    private const string AssertionStoreLabel = "c2pa.assertions";
    private const string ActionsLabel = "c2pa.actions.v2";
    private const string DataHashLabel = "c2pa.hash.data";

    /// <summary>The manifest store for an image identified by <paramref name="identity"/>, bound to its bytes by <paramref name="dataHash"/> over everything outside the exclusion.</summary>
    public static byte[] Build(string identity, long exclusionStart, long exclusionLength, ReadOnlySpan<byte> dataHash)
    {
        var id = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(identity)).AsSpan(0, 16));
        var manifestLabel = $"urn:c2pa:{id:D}";

        var actions = Jumbf.SuperBox(Jumbf.C2paUuid("cbor"), ActionsLabel, Jumbf.Box("cbor", Actions()));
        var hash = Jumbf.SuperBox(Jumbf.C2paUuid("cbor"), DataHashLabel, Jumbf.Box("cbor", DataHash(exclusionStart, exclusionLength, dataHash)));
        var assertionStore = Jumbf.SuperBox(Jumbf.C2paUuid("c2as"), AssertionStoreLabel, actions, hash);

        var claimCbor = Claim(id, manifestLabel, actions, hash);
        var claim = Jumbf.SuperBox(Jumbf.C2paUuid("c2cl"), "c2pa.claim.v2", Jumbf.Box("cbor", claimCbor));
        var signature = Jumbf.SuperBox(Jumbf.C2paUuid("c2cs"), "c2pa.signature", Jumbf.Box("cbor", C2paSigner.Sign(claimCbor)));

        var manifest = Jumbf.SuperBox(Jumbf.C2paUuid("c2ma"), manifestLabel, assertionStore, claim, signature);
        return Jumbf.SuperBox(Jumbf.C2paUuid("c2pa"), "c2pa", manifest);
    }

    private static byte[] Actions()
    {
        var writer = new CborWriter();
        writer.WriteStartMap(1);
        writer.WriteTextString("actions");
        writer.WriteStartArray(1);
        writer.WriteStartMap(3);
        writer.WriteTextString("action");
        writer.WriteTextString("c2pa.created");
        writer.WriteTextString("digitalSourceType");
        writer.WriteTextString("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia");
        writer.WriteTextString("softwareAgent");
        writer.WriteStartMap(1);
        writer.WriteTextString("name");
        writer.WriteTextString("FLUX (Flux2.Simulator)");
        writer.WriteEndMap();
        writer.WriteEndMap();
        writer.WriteEndArray();
        writer.WriteEndMap();
        return writer.Encode();
    }

    private static byte[] DataHash(long start, long length, ReadOnlySpan<byte> hash)
    {
        var writer = new CborWriter();
        writer.WriteStartMap(5);
        writer.WriteTextString("exclusions");
        writer.WriteStartArray(1);
        writer.WriteStartMap(2);
        writer.WriteTextString("start");
        writer.WriteInt64(start);
        writer.WriteTextString("length");
        writer.WriteInt64(length);
        writer.WriteEndMap();
        writer.WriteEndArray();
        writer.WriteTextString("name");
        writer.WriteTextString("jumbf manifest");
        writer.WriteTextString("alg");
        writer.WriteTextString("sha256");
        writer.WriteTextString("hash");
        writer.WriteByteString(hash);
        writer.WriteTextString("pad");
        writer.WriteByteString([]);
        writer.WriteEndMap();
        return writer.Encode();
    }

    private static byte[] Claim(Guid id, string manifestLabel, byte[] actions, byte[] hash)
    {
        var writer = new CborWriter();
        writer.WriteStartMap(5);
        writer.WriteTextString("instanceID");
        writer.WriteTextString($"xmp:iid:{id:D}");
        writer.WriteTextString("claim_generator_info");
        writer.WriteStartMap(2);
        writer.WriteTextString("name");
        writer.WriteTextString("Flux2.Simulator");
        writer.WriteTextString("version");
        writer.WriteTextString("1.0");
        writer.WriteEndMap();
        writer.WriteTextString("signature");
        writer.WriteTextString($"self#jumbf=/c2pa/{manifestLabel}/c2pa.signature");
        writer.WriteTextString("created_assertions");
        writer.WriteStartArray(2);
        HashedUri(writer, $"self#jumbf=c2pa.assertions/{ActionsLabel}", actions);
        HashedUri(writer, $"self#jumbf=c2pa.assertions/{DataHashLabel}", hash);
        writer.WriteEndArray();
        writer.WriteTextString("alg");
        writer.WriteTextString("sha256");
        writer.WriteEndMap();
        return writer.Encode();
    }

    private static void HashedUri(CborWriter writer, string url, byte[] box)
    {
        writer.WriteStartMap(2);
        writer.WriteTextString("url");
        writer.WriteTextString(url);
        writer.WriteTextString("hash");
        writer.WriteByteString(SHA256.HashData(box.AsSpan(8))); // the superbox without its own header: description and content boxes
        writer.WriteEndMap();
    }
}
