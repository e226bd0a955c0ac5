using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Flux2.Agents;

/// <summary>
/// Keeps generated images under their ids long enough to outlive provider URL expiry: the most recently used in memory
/// (bounded by <see cref="Flux2ToolsOptions.MemoryCacheMegabytes"/>), every one in a cache folder on disk
/// (bounded by <see cref="Flux2ToolsOptions.DiskCacheMegabytes"/>, oldest removed first, down to 90% of it). The default <see cref="IFlux2ImageStore"/>.
/// </summary>
public sealed class Flux2ImageStore : IFlux2ImageStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Flux2StoredImage>> _byId = new(StringComparer.Ordinal);
    private readonly LinkedList<Flux2StoredImage> _lru = new();
    private readonly long _memoryLimit;
    private readonly long _diskLimit;
    private readonly string _directory;
    private readonly ILogger _logger;
    private long _memoryBytes;
    private long _diskBytes = -1;

    /// <summary>Creates the store from the tool options.</summary>
    public Flux2ImageStore(IOptions<Flux2ToolsOptions> options, ILogger<Flux2ImageStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _memoryLimit = Math.Max(0, value.MemoryCacheMegabytes) * 1024L * 1024L;
        _diskLimit = Math.Max(0, value.DiskCacheMegabytes) * 1024L * 1024L;
        _directory = Path.GetFullPath(string.IsNullOrWhiteSpace(value.CacheDirectory)
            ? Path.Combine(Path.GetTempPath(), "flux2-agents", "images")
            : value.CacheDirectory);
        _logger = logger ?? NullLogger<Flux2ImageStore>.Instance;
    }

    /// <summary>The cache folder on disk.</summary>
    public string CacheDirectory => _directory;

    /// <summary>Bytes held in memory now.</summary>
    public long MemoryBytes
    {
        get
        {
            lock (_gate)
            {
                return _memoryBytes;
            }
        }
    }

    /// <inheritdoc/>
    public string Retention => "while this server runs and in its cache folder";

    /// <summary>Stores an image under a new id, in memory and on disk.</summary>
    public Flux2StoredImage Add(ReadOnlyMemory<byte> data, string contentType, int? width = null, int? height = null) =>
        Add(Flux2ImageUris.NewId(), data, contentType, width, height);

    /// <summary>Stores an image under a given id (see <see cref="Flux2ImageUris.NewId"/>), in memory and on disk.</summary>
    public Flux2StoredImage Add(string id, ReadOnlyMemory<byte> data, string contentType, int? width = null, int? height = null)
    {
        var image = new Flux2StoredImage { Id = id, Data = data, ContentType = contentType, Width = width, Height = height };
        Keep(image);
        return image;
    }

    /// <inheritdoc/>
    public ValueTask AddAsync(Flux2StoredImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        Keep(image);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<Flux2StoredImage?> GetAsync(string idOrUri, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TryGet(idOrUri, out var image) ? image : null);

    /// <summary>Finds an image by id or flux2://images/{id}, in memory first, then on disk.</summary>
    public bool TryGet(string idOrUri, [NotNullWhen(true)] out Flux2StoredImage? image)
    {
        image = null;
        if (!Flux2ImageUris.TryGetId(idOrUri, out string? id))
        {
            return false;
        }

        lock (_gate)
        {
            if (_byId.TryGetValue(id, out var node))
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                image = node.Value;
                return true;
            }
        }

        image = ReadFromDisk(id);
        if (image is not null)
        {
            Remember(image);
        }

        return image is not null;
    }

    private void Keep(Flux2StoredImage image)
    {
        Flux2ImageUris.ThrowIfNotId(image.Id);
        Remember(image);
        WriteToDisk(image);
    }

    private void Remember(Flux2StoredImage image)
    {
        long size = image.Data.Length;
        if (size > _memoryLimit)
        {
            return;
        }

        lock (_gate)
        {
            if (_byId.Remove(image.Id, out var old))
            {
                _lru.Remove(old);
                _memoryBytes -= old.Value.Data.Length;
            }

            _byId[image.Id] = _lru.AddFirst(image);
            _memoryBytes += size;
            while (_memoryBytes > _memoryLimit && _lru.Last is { } last)
            {
                _lru.RemoveLast();
                _byId.Remove(last.Value.Id);
                _memoryBytes -= last.Value.Data.Length;
            }
        }
    }

    private void WriteToDisk(Flux2StoredImage image)
    {
        if (_diskLimit <= 0 || image.Data.Length > _diskLimit)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(_directory);
            string path = Path.Combine(_directory, image.Id + ImageSniffer.Extension(ImageSniffer.ContentType(image.Data.Span) ?? image.ContentType));
            string temp = path + ".tmp";
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(image.Data.Span);
            }

            File.Move(temp, path, overwrite: true);
            TrimDisk(image.Data.Length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("Could not keep image {Id} in the cache folder {Directory}: {Message}", image.Id, _directory, ex.Message);
        }
    }

    private void TrimDisk(long added)
    {
        lock (_gate)
        {
            if (_diskBytes >= 0)
            {
                _diskBytes += added;
                if (_diskBytes <= _diskLimit)
                {
                    return;
                }
            }

            var files = new DirectoryInfo(_directory).GetFiles("*", SearchOption.TopDirectoryOnly)
                .Where(f => !f.Name.EndsWith(".tmp", StringComparison.Ordinal))
                .OrderBy(f => f.LastWriteTimeUtc)
                .ToList();
            _diskBytes = files.Sum(f => f.Length);

            // Down to 90% of the limit, so the folder is listed again only after many more images, not on every one once it is full.
            long target = _diskBytes > _diskLimit ? _diskLimit * 9 / 10 : _diskLimit;
            foreach (var file in files)
            {
                if (_diskBytes <= target)
                {
                    break;
                }

                long length = file.Length;
                try
                {
                    file.Delete();
                    _diskBytes -= length;
                }
                catch (IOException)
                {
                    // Another process may hold it; it is removed on a later pass.
                }
            }
        }
    }

    private Flux2StoredImage? ReadFromDisk(string id)
    {
        if (_diskLimit <= 0 || !Directory.Exists(_directory))
        {
            return null;
        }

        try
        {
            foreach (string path in Directory.EnumerateFiles(_directory, id + ".*"))
            {
                string? contentType = ImageSniffer.ContentTypeOfExtension(Path.GetExtension(path));
                if (contentType is null)
                {
                    continue;
                }

                byte[] data = File.ReadAllBytes(path);
                var (width, height) = ImageSniffer.Dimensions(data);
                return new Flux2StoredImage { Id = id, Data = data, ContentType = contentType, Width = width, Height = height };
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("Could not read image {Id} from the cache folder: {Message}", id, ex.Message);
        }

        return null;
    }
}
