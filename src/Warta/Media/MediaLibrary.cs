using Warta.Content;
using Warta.Data;

namespace Warta.Media;

/// <summary>Stores originals and their records.</summary>
public sealed class MediaLibrary(WartaDbContext db, IMediaStorage storage, TimeProvider clock)
{
    public async Task<MediaAsset> AddPlaceholderAsync(int siteId, string caption, string credit, string altText, int seed, CancellationToken cancellationToken)
    {
        var key = NewKey();
        var hue = (int)((uint)seed % 360);
        await storage.WriteAsync($"{key}.jpg", PlaceholderImages.Jpeg(hue, seed), cancellationToken);
        var asset = new MediaAsset
        {
            SiteId = siteId,
            StorageKey = key,
            Extension = "jpg",
            Width = PlaceholderImages.Width,
            Height = PlaceholderImages.Height,
            Caption = caption,
            Credit = credit,
            AltText = altText,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Media.Add(asset);
        await db.SaveChangesAsync(cancellationToken);
        return asset;
    }

    /// <summary>"2026/11/9f3c0a1b2c3d4e5f": a month folder keeps directories small; random names are unguessable and never collide.</summary>
    private string NewKey()
    {
        var now = clock.GetUtcNow();
        return $"{now:yyyy}/{now:MM}/{Guid.NewGuid():N}";
    }
}
