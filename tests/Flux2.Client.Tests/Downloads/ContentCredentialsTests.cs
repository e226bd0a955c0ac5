using System.Runtime.CompilerServices;

namespace Flux2.Client.Tests.Downloads;

/// <summary>
/// <see cref="Flux2ContentCredentials"/> over shipped files: a JPEG, a PNG and a WebP that carry a C2PA manifest store
/// (made by the simulator's BFL dialect; the c2pa-rs toolkit validates each: claim signature, hashed URIs and data hash),
/// the same images with the store removed, and copies cut off inside the store.
/// </summary>
public sealed class ContentCredentialsTests
{
    [Theory]
    [InlineData("with-c2pa.jpg")]
    [InlineData("with-c2pa.png")]
    [InlineData("with-c2pa.webp")]
    public void AnImageWithAManifestStore_HasOne(string file) => Assert.True(Flux2ContentCredentials.HasManifest(Read(file)));

    [Theory]
    [InlineData("without-c2pa.jpg")]
    [InlineData("without-c2pa.png")]
    [InlineData("without-c2pa.webp")]
    [InlineData("truncated-c2pa.jpg")]
    [InlineData("truncated-c2pa.png")]
    [InlineData("truncated-c2pa.webp")]
    public void TheSameImageWithoutTheStore_OrCutInsideIt_HasNone(string file) => Assert.False(Flux2ContentCredentials.HasManifest(Read(file)));

    [Theory]
    [InlineData("with-c2pa.jpg")]
    [InlineData("with-c2pa.png")]
    [InlineData("with-c2pa.webp")]
    public void EveryPrefixOfAFile_IsReadWithoutThrowing_AndOnlyThoseHoldingTheWholeStoreCount(string file)
    {
        var bytes = Read(file);
        var first = -1;
        for (var length = 0; length <= bytes.Length; length++)
        {
            if (Flux2ContentCredentials.HasManifest(bytes.AsSpan(0, length)) && first < 0)
            {
                first = length;
            }
        }

        Assert.True(first > 0, "the whole file has a manifest");
        Assert.False(Flux2ContentCredentials.HasManifest(bytes.AsSpan(0, first - 1)), "a store missing its last byte does not count");
    }

    [Fact]
    public void GarbageAndOtherFormats_HaveNone()
    {
        var random = new Random(16);
        for (var i = 0; i < 200; i++)
        {
            var noise = new byte[random.Next(0, 400)];
            random.NextBytes(noise);
            foreach (var head in new byte[][] { [0xFF, 0xD8], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "RIFF\xff\xff\xff\x7fWEBP"u8.ToArray(), [] })
            {
                Assert.False(Flux2ContentCredentials.HasManifest([.. head, .. noise]));
            }
        }

        Assert.False(Flux2ContentCredentials.HasManifest(TestImages.Gif(4, 4)));
        Assert.False(Flux2ContentCredentials.HasManifest(TestImages.Png));
        Assert.False(Flux2ContentCredentials.HasManifest(TestImages.WebpLossless));
    }

    [Fact]
    public void AJumbfBoxWithAnotherLabel_IsNotAManifestStore()
    {
        var bytes = Read("with-c2pa.png");
        var at = bytes.AsSpan().IndexOf("jumd"u8);
        bytes[at + 4] ^= 0xFF; // spoil the manifest-store UUID
        var label = bytes.AsSpan(at).IndexOf("c2pa\0"u8) + at;
        bytes[label] = (byte)'x'; // and its label

        Assert.False(Flux2ContentCredentials.HasManifest(bytes));
    }

    [Theory]
    [InlineData("with-c2pa.jpg", true)]
    [InlineData("with-c2pa.png", true)]
    [InlineData("with-c2pa.webp", true)]
    [InlineData("without-c2pa.jpg", false)]
    [InlineData("without-c2pa.png", false)]
    [InlineData("without-c2pa.webp", false)]
    [InlineData("truncated-c2pa.jpg", false)]
    [InlineData("truncated-c2pa.png", false)]
    [InlineData("truncated-c2pa.webp", false)]
    public void AFileOnDisk_IsReadByItsPartHeaders_WithTheSameAnswerAsItsBytes(string file, bool expected)
    {
        using var stream = new FileStream(Path.Combine(Path.GetDirectoryName(SourceFile())!, "TestData", file), FileMode.Open, FileAccess.Read);

        Assert.Equal(expected, Flux2ContentCredentials.HasManifest(stream));
        Assert.Equal(expected, Flux2ContentCredentials.HasManifest(Read(file)));
    }

    [Fact]
    public void EveryPrefixOfAFileOnDisk_IsReadWithoutThrowing_AndOnlyTheWholeStoreCounts()
    {
        foreach (string file in (string[])["with-c2pa.jpg", "with-c2pa.png", "with-c2pa.webp"])
        {
            byte[] bytes = Read(file);
            for (int length = 0; length < bytes.Length; length += Math.Max(1, bytes.Length / 97))
            {
                using var stream = new MemoryStream(bytes, 0, length, writable: false);
                Assert.Equal(Flux2ContentCredentials.HasManifest(bytes.AsSpan(0, length)), Flux2ContentCredentials.HasManifest(stream));
            }
        }
    }

    private static byte[] Read(string file) => File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(SourceFile())!, "TestData", file));

    private static string SourceFile([CallerFilePath] string path = "") => path;
}
