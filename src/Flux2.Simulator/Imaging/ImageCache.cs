using System.Collections.Concurrent;

namespace Flux2.Simulator.Imaging;

/// <summary>A bounded LRU cache of encoded images that also de-duplicates concurrent renders of the same key.</summary>
internal sealed class ImageCache
{
    private readonly long _maxBytes;
    private readonly Dictionary<ImageKey, LinkedListNode<RenderedEntry>> _map = [];
    private readonly LinkedList<RenderedEntry> _lru = new();
    private readonly ConcurrentDictionary<ImageKey, Lazy<Task<RenderedImage>>> _pending = new();
    private readonly Lock _gate = new();
    private long _bytes;

    /// <summary>Creates a cache holding at most <paramref name="maxBytes"/> of encoded images.</summary>
    public ImageCache(long maxBytes) => _maxBytes = maxBytes;

    /// <summary>Number of renders actually performed (cache misses).</summary>
    public long Renders => Interlocked.Read(ref _renders);

    private long _renders;

    /// <summary>Gets the image from the cache or renders it on the thread pool.</summary>
    public Task<RenderedImage> GetAsync(ImageKey key)
    {
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                return Task.FromResult(node.Value.Image);
            }
        }

        var lazy = _pending.GetOrAdd(key, k => new Lazy<Task<RenderedImage>>(() => Task.Run(() => RenderAndStore(k))));
        return lazy.Value;
    }

    private RenderedImage RenderAndStore(ImageKey key)
    {
        try
        {
            Interlocked.Increment(ref _renders);
            var image = ImageRenderer.Render(key);
            lock (_gate)
            {
                if (!_map.ContainsKey(key) && image.Bytes.Length <= _maxBytes)
                {
                    _map[key] = _lru.AddFirst(new RenderedEntry(key, image));
                    _bytes += image.Bytes.Length;
                    while (_bytes > _maxBytes && _lru.Last is { } last)
                    {
                        _lru.RemoveLast();
                        _map.Remove(last.Value.Key);
                        _bytes -= last.Value.Image.Bytes.Length;
                    }
                }
            }

            return image;
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }
    }

    private sealed record RenderedEntry(ImageKey Key, RenderedImage Image);
}
