using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Content;
using Warta.Data;
using Warta.Publishing;

namespace Warta.Media;

/// <summary>Caption, credit and alt text: every photo carries all three before it is stored.</summary>
public sealed record MediaDetails(string Caption, string Credit, string AltText)
{
    public string? Problem()
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(Caption)) missing.Add("keterangan foto");
        if (string.IsNullOrWhiteSpace(Credit)) missing.Add("kredit");
        if (string.IsNullOrWhiteSpace(AltText)) missing.Add("teks alternatif");
        if (missing.Count > 0) return $"Wajib diisi: {string.Join(", ", missing)}.";
        if (Caption.Length > 1000 || Credit.Length > 200 || AltText.Length > 300)
            return "Keterangan paling panjang 1.000 karakter, kredit 200, teks alternatif 300.";
        return null;
    }

    public MediaDetails Trimmed() => new(Caption.Trim(), Credit.Trim(), AltText.Trim());
}

/// <summary>One photo as the newsroom lists it.</summary>
public sealed record MediaItem(int Id, int SiteId, string Caption, string Credit, string AltText, int Width, int Height, string StorageKey, string Extension, DateTimeOffset CreatedAt)
{
    public string ThumbnailUrl => Renditions.Url(StorageKey, 320, "webp");
}

public sealed record MediaResult(MediaItem? Item, string? Error, bool Forbidden = false);

/// <summary>
/// The photos of each site: upload (checked by content), describe, search by caption and credit,
/// and reuse as the lead photo of any story of the site.
/// </summary>
public sealed class MediaLibrary(WartaDbContext db, IMediaStorage storage, MediaOptions options, ImageDecodeGate decoding, AuditLog audit,
    ChangeDispatcher dispatcher, TimeProvider clock)
{
    public async Task<MediaResult> UploadAsync(ClaimsPrincipal user, int siteId, byte[] bytes, MediaDetails details, CancellationToken cancellationToken)
    {
        if (!user.Can(siteId, StaffRole.Writer)) return new MediaResult(null, "Anda bukan anggota redaksi situs ini.", Forbidden: true);
        if (details.Problem() is { } invalid) return new MediaResult(null, invalid);
        var (image, problem) = await decoding.RunAsync(() => ImageUploads.Check(bytes, options.MaxUploadBytes), cancellationToken);
        if (image is null) return new MediaResult(null, problem);

        var asset = NewAsset(siteId, image.Extension, image.Width, image.Height, details.Trimmed());
        // The file goes first: a crash between the two leaves an unlisted file, never a record without its image.
        await storage.WriteAsync($"{asset.StorageKey}.{asset.Extension}", image.Bytes, cancellationToken);
        db.Media.Add(asset);
        audit.Record(AuditActions.MediaUploaded, user, siteId, $"foto:{asset.StorageKey}", asset.Caption);
        await db.SaveChangesAsync(cancellationToken);
        return new MediaResult(Item(asset), null);
    }

    public async Task<MediaResult> DescribeAsync(ClaimsPrincipal user, int mediaId, MediaDetails details, CancellationToken cancellationToken)
    {
        var asset = await db.Media.SingleOrDefaultAsync(m => m.Id == mediaId, cancellationToken);
        if (asset is null) return new MediaResult(null, "Foto tidak ditemukan.");
        if (!user.Can(asset.SiteId, StaffRole.Writer)) return new MediaResult(null, "Anda bukan anggota redaksi situs ini.", Forbidden: true);
        if (details.Problem() is { } invalid) return new MediaResult(null, invalid);
        (asset.Caption, asset.Credit, asset.AltText) = details.Trimmed();

        // Published stories that lead with this photo show the old caption until their pages are evicted.
        var showing = await db.Articles.AsNoTracking().Include(a => a.Tags)
            .Where(a => a.LeadMediaId == mediaId && a.Status == ArticleStatus.Published).ToListAsync(cancellationToken);
        foreach (var article in showing)
            db.ArticleChanges.Add(ArticleChange.For(article, ChangeKinds.Updated, [], clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        if (showing.Count > 0) await dispatcher.DispatchAfterCommitAsync(cancellationToken);
        return new MediaResult(Item(asset), null);
    }

    /// <summary>Newest first; <paramref name="query"/> matches caption or credit, ignoring case.</summary>
    public Task<List<MediaItem>> SearchAsync(int siteId, string? query, int take, CancellationToken cancellationToken)
    {
        var assets = db.Media.AsNoTracking().Where(m => m.SiteId == siteId);
        if (!string.IsNullOrWhiteSpace(query))
        {
            var term = query.Trim().ToLower();
            assets = assets.Where(m => m.Caption.ToLower().Contains(term) || m.Credit.ToLower().Contains(term));
        }
        return assets.OrderByDescending(m => m.Id).Take(take).Select(ToItem).ToListAsync(cancellationToken);
    }

    public Task<MediaItem?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.Media.AsNoTracking().Where(m => m.Id == id).Select(ToItem).FirstOrDefaultAsync(cancellationToken);

    public async Task<MediaAsset> AddPlaceholderAsync(int siteId, string caption, string credit, string altText, int seed, CancellationToken cancellationToken)
    {
        var hue = (int)((uint)seed % 360);
        var asset = NewAsset(siteId, "jpg", PlaceholderImages.Width, PlaceholderImages.Height, new MediaDetails(caption, credit, altText));
        await storage.WriteAsync($"{asset.StorageKey}.jpg", PlaceholderImages.Jpeg(hue, seed), cancellationToken);
        db.Media.Add(asset);
        await db.SaveChangesAsync(cancellationToken);
        return asset;
    }

    private MediaAsset NewAsset(int siteId, string extension, int width, int height, MediaDetails details) => new()
    {
        SiteId = siteId,
        StorageKey = NewKey(),
        Extension = extension,
        Width = width,
        Height = height,
        Caption = details.Caption,
        Credit = details.Credit,
        AltText = details.AltText,
        CreatedAt = clock.GetUtcNow(),
    };

    private static readonly System.Linq.Expressions.Expression<Func<MediaAsset, MediaItem>> ToItem =
        m => new MediaItem(m.Id, m.SiteId, m.Caption, m.Credit, m.AltText, m.Width, m.Height, m.StorageKey, m.Extension, m.CreatedAt);

    private static readonly Func<MediaAsset, MediaItem> Item = ToItem.Compile();

    /// <summary>"2026/11/9f3c0a1b2c3d4e5f": a month folder keeps directories small; random names are unguessable and never collide.</summary>
    private string NewKey()
    {
        var now = clock.GetUtcNow();
        return $"{now:yyyy}/{now:MM}/{Guid.NewGuid():N}";
    }
}
