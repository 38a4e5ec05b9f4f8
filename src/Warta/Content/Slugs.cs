using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Warta.Data;

namespace Warta.Content;

public static class Slugs
{
    public const int MaxLength = 120;

    /// <summary>"Pemimpin Donetsk Surati Kim Jong Un!" becomes "pemimpin-donetsk-surati-kim-jong-un".</summary>
    public static string From(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(Math.Min(decomposed.Length, MaxLength));
        var pendingDash = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingDash && slug.Length > 0) slug.Append('-');
                if (slug.Length >= MaxLength) break;
                slug.Append(char.ToLowerInvariant(c));
                pendingDash = false;
            }
            else if (c != '\'' && c != '\u2019')
            {
                pendingDash = true;
            }
        }
        return slug.Length == 0 ? "artikel" : slug.ToString().TrimEnd('-');
    }
}

public static class SlugAllocator
{
    /// <summary>"banjir-solo", or "banjir-solo-2" and so on when taken.</summary>
    public static string Next(string slug, ISet<string> taken)
    {
        if (!taken.Contains(slug)) return slug;
        for (var n = 2; ; n++)
            if (!taken.Contains($"{slug}-{n}")) return $"{slug}-{n}";
    }

    /// <summary>A slug for <paramref name="headline"/> that no other article of the site has.</summary>
    public static async Task<string> UniqueOnSiteAsync(WartaDbContext db, int siteId, string headline, CancellationToken cancellationToken)
    {
        var slug = Slugs.From(headline);
        var taken = await db.Articles.Where(a => a.SiteId == siteId && a.Slug.StartsWith(slug)).Select(a => a.Slug).ToListAsync(cancellationToken);
        return Next(slug, taken.ToHashSet());
    }
}
