using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Flux2.Simulator.Imaging.ContentCredentials;

/// <summary>
/// Signs C2PA claims as COSE_Sign1 (RFC 9052) with ES256: the protected header carries the algorithm and the x5chain
/// (a signing certificate and the test root that issued it, both made when the process starts). Validators verify the
/// signature and report the signer as untrusted, since no trust list holds the simulator's root: a simulated BFL output
/// must never pass for a real one.
/// </summary>
internal static class C2paSigner
{
    private static readonly Lazy<(ECDsa Key, byte[][] Chain)> Credentials = new(Create);

    /// <summary>A tagged COSE_Sign1 over <paramref name="claim"/> (detached payload: the claim box holds it).</summary>
    public static byte[] Sign(byte[] claim)
    {
        var (key, chain) = Credentials.Value;
        var header = new CborWriter();
        header.WriteStartMap(2);
        header.WriteInt32(1); // alg
        header.WriteInt32(-7); // ES256
        header.WriteInt32(33); // x5chain
        header.WriteStartArray(chain.Length);
        foreach (var certificate in chain)
        {
            header.WriteByteString(certificate);
        }

        header.WriteEndArray();
        header.WriteEndMap();
        var protectedHeader = header.Encode();

        var toBeSigned = new CborWriter();
        toBeSigned.WriteStartArray(4);
        toBeSigned.WriteTextString("Signature1");
        toBeSigned.WriteByteString(protectedHeader);
        toBeSigned.WriteByteString([]);
        toBeSigned.WriteByteString(claim);
        toBeSigned.WriteEndArray();
        var signature = key.SignData(toBeSigned.Encode(), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        var writer = new CborWriter();
        writer.WriteTag((CborTag)18);
        writer.WriteStartArray(4);
        writer.WriteByteString(protectedHeader);
        writer.WriteStartMap(0);
        writer.WriteEndMap();
        writer.WriteNull();
        writer.WriteByteString(signature);
        writer.WriteEndArray();
        return writer.Encode();
    }

    private static (ECDsa Key, byte[][] Chain) Create()
    {
        var now = DateTimeOffset.UtcNow;
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Flux2 Simulator Test Root, O=Flux2.Agents simulator - not trusted", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        using var root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Flux2 Simulator BFL stand-in, O=Flux2.Agents simulator - not trusted", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.4")], false)); // emailProtection, which C2PA accepts for signers
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signer = request.Create(root, now.AddDays(-1), now.AddYears(1), serial);
        return (key, [signer.RawData, root.RawData]);
    }
}
