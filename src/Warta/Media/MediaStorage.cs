using System.ComponentModel.DataAnnotations;

namespace Warta.Media;

public sealed class MediaOptions
{
    public const string Section = "Warta:Media";

    /// <summary>Folder of originals and renditions; relative paths are under the working directory.</summary>
    [Required(ErrorMessage = Section + ":Root must not be empty.")]
    public string Root { get; set; } = "data/media";

    /// <summary>Largest accepted upload. Kestrel refuses any request over 30 MB before it reaches the app.</summary>
    [Range(1, 30 * 1024 * 1024, ErrorMessage = Section + ":MaxUploadBytes must be between {1} and {2}.")]
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Images decoded at once on a node (uploads and first renditions); see <see cref="ImageDecodeGate"/>.</summary>
    [Range(1, 64, ErrorMessage = Section + ":ConcurrentDecodes must be between {1} and {2}.")]
    public int ConcurrentDecodes { get; set; } = 2;
}

/// <summary>
/// Lets only a few images be decoded at once. With <see cref="ImageUploads.MaxDecodedPixels"/> this
/// bounds what decoding can hold in memory (about 100 MB a slot), so a burst of uploads or of new
/// photo URLs queues instead of taking the node's memory.
/// </summary>
public sealed class ImageDecodeGate(MediaOptions options)
{
    private readonly SemaphoreSlim _slots = new(options.ConcurrentDecodes);

    public async Task<T> RunAsync<T>(Func<T> decode, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return decode();
        }
        finally
        {
            _slots.Release();
        }
    }
}

/// <summary>The seam where an S3-compatible store can replace the local folder.</summary>
public interface IMediaStorage
{
    Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    Stream? OpenRead(string path);
}

public sealed class LocalMediaStorage : IMediaStorage
{
    private readonly string _root;

    public LocalMediaStorage(MediaOptions options)
    {
        _root = Path.GetFullPath(options.Root);
        Directory.CreateDirectory(_root);
    }

    public string Root => _root;

    public async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var target = Resolve(path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Write aside and rename, so a reader never sees half a file and concurrent writers are harmless.
        var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, content.ToArray(), cancellationToken);
        File.Move(temporary, target, overwrite: true);
    }

    public Stream? OpenRead(string path)
    {
        var target = Resolve(path);
        return File.Exists(target) ? File.OpenRead(target) : null;
    }

    private string Resolve(string path)
    {
        var full = Path.GetFullPath(Path.Combine(_root, path));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"Media path '{path}' leaves the media root.", nameof(path));
        return full;
    }
}
