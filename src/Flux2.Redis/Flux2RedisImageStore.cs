using System.Globalization;
using Flux2.Agents;
using Flux2.Client;
using StackExchange.Redis;

namespace Flux2.Redis;

/// <summary>
/// The <see cref="IFlux2ImageStore"/> every replica shares: one Redis hash per image (bytes, content type, width, height),
/// written once in a MULTI with its expiry, so the bytes and the metadata appear and expire together.
/// </summary>
internal sealed class Flux2RedisImageStore(Flux2RedisConnection connection) : IFlux2ImageStore
{
    private const string Purpose = "image store";
    private static readonly RedisValue DataField = "data";
    private static readonly RedisValue ContentTypeField = "content_type";
    private static readonly RedisValue WidthField = "width";
    private static readonly RedisValue HeightField = "height";
    private static readonly RedisValue[] Fields = [DataField, ContentTypeField, WidthField, HeightField];

    /// <inheritdoc/>
    public string Retention => string.Create(CultureInfo.InvariantCulture, $"for {Describe(connection.Options.Ttl)} in the shared store (Flux2:Store:Ttl)");

    /// <inheritdoc/>
    public async ValueTask AddAsync(Flux2StoredImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        Flux2ImageUris.ThrowIfNotId(image.Id);
        long cap = connection.Options.MaxImageBytes;
        if (image.Data.Length > cap)
        {
            throw new Flux2Exception(
                Flux2ErrorKind.Unsupported,
                string.Create(CultureInfo.InvariantCulture, $"the image is {image.Data.Length} bytes, more than the {cap} bytes the shared image store keeps per image (Flux2:Store:MaxImageBytes)"));
        }

        RedisKey key = KeyOf(image.Id);
        var entries = new List<HashEntry>(4)
        {
            new(DataField, image.Data),
            new(ContentTypeField, image.ContentType),
        };
        if (image.Width is { } width)
        {
            entries.Add(new HashEntry(WidthField, width));
        }

        if (image.Height is { } height)
        {
            entries.Add(new HashEntry(HeightField, height));
        }

        bool written;
        try
        {
            IDatabase database = await connection.GetDatabaseAsync(Purpose).ConfigureAwait(false);
            ITransaction transaction = database.CreateTransaction();
            transaction.AddCondition(Condition.KeyNotExists(key));
            _ = transaction.HashSetAsync(key, [.. entries]);
            _ = transaction.KeyExpireAsync(key, connection.Options.Ttl);
            written = await transaction.ExecuteAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw connection.Unreachable(Purpose, ex);
        }

        if (!written)
        {
            // Ids are 64 random bits: only a caller reusing an id gets here. An image is written once, never replaced.
            throw new ArgumentException($"An image is already stored under the id '{image.Id}'; ids are written once.", nameof(image));
        }
    }

    /// <inheritdoc/>
    public async ValueTask<Flux2StoredImage?> GetAsync(string idOrUri, CancellationToken cancellationToken = default)
    {
        if (!Flux2ImageUris.TryGetId(idOrUri, out string? id))
        {
            return null;
        }

        RedisValue[] values;
        try
        {
            IDatabase database = await connection.GetDatabaseAsync(Purpose).ConfigureAwait(false);
            values = await database.HashGetAsync(KeyOf(id), Fields).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw connection.Unreachable(Purpose, ex);
        }

        if (values[0].IsNull || values[1].IsNull)
        {
            return null;
        }

        return new Flux2StoredImage
        {
            Id = id,
            Data = (byte[])values[0]!,
            ContentType = values[1].ToString(),
            Width = values[2].IsNull ? null : (int)values[2],
            Height = values[3].IsNull ? null : (int)values[3],
        };
    }

    /// <summary>The key of an image id.</summary>
    internal RedisKey KeyOf(string id) => connection.Key("images:" + id.ToLowerInvariant());

    private static string Describe(TimeSpan ttl) =>
        ttl.TotalHours >= 1 && ttl.TotalHours == Math.Floor(ttl.TotalHours) ? $"{ttl.TotalHours:0} h"
        : ttl.TotalMinutes >= 1 && ttl.TotalMinutes == Math.Floor(ttl.TotalMinutes) ? $"{ttl.TotalMinutes:0} min"
        : $"{ttl.TotalSeconds:0.#} s";
}
