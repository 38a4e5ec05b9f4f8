namespace Warta.Content;

/// <summary>The two lists editors keep for a site's home page.</summary>
public enum HomeList
{
    /// <summary>"Berita Pilihan": the block of chosen stories further down (and later the digests).</summary>
    Picks = 0,

    /// <summary>"Berita Utama": the first is the headline, the next few stand beside it.</summary>
    TopStories = 1,
}

/// <summary>One story on one of a site's curated lists.</summary>
public sealed class EditorsPick
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public HomeList List { get; set; }
    public int ArticleId { get; set; }
    public int Position { get; set; }

    /// <summary>After this moment the story leaves the list by itself (a headline pinned for the evening).</summary>
    public DateTimeOffset? PinnedUntil { get; set; }

    public int? AddedById { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

public static class HomeLists
{
    public const int MaxPicks = 10;

    /// <summary>The headline and four beside it: the home page has room for no more.</summary>
    public const int MaxTopStories = 5;

    public static int Capacity(HomeList list) => list == HomeList.TopStories ? MaxTopStories : MaxPicks;
}
