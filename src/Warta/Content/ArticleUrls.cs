using Warta.Network;

namespace Warta.Content;

public static class ArticleUrls
{
    /// <summary>"/nasional/2022/08/17/pemimpin-donetsk-surati-kim"; the date is the publication day in the site's zone.</summary>
    public static string Path(string sectionSlug, DateTimeOffset publishedAt, string slug, IndonesianTimeZone zone)
    {
        var local = zone.ToLocal(publishedAt);
        return $"/{sectionSlug}/{local:yyyy}/{local:MM}/{local:dd}/{slug}";
    }
}
