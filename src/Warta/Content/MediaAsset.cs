namespace Warta.Content;

/// <summary>An uploaded or generated image. Renditions are made on demand, at the widths Media/Renditions.cs names.</summary>
public sealed class MediaAsset
{
    public int Id { get; set; }
    public int SiteId { get; set; }

    /// <summary>Path of the original under the media root, without extension, e.g. "2026/11/3f9c1a".</summary>
    public required string StorageKey { get; set; }

    /// <summary>"jpg", "png" or "webp".</summary>
    public required string Extension { get; set; }

    public int Width { get; set; }
    public int Height { get; set; }
    public string Caption { get; set; } = "";
    public string Credit { get; set; } = "";
    public string AltText { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
