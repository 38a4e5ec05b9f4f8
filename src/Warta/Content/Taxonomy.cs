using Microsoft.EntityFrameworkCore;

namespace Warta.Content;

public sealed class Section
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public int Position { get; set; }

    /// <summary>Where the section's block stands on the home page; editors order blocks apart from the navigation.</summary>
    public int HomePosition { get; set; }

    public bool HiddenOnHome { get; set; }
}

public sealed class Tag
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
}

/// <summary>A writer or editor; one record across the network, with a page on every site they write for.</summary>
public sealed class Person
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Bio { get; set; } = "";
    public int? HomeSiteId { get; set; }
}

public static class TagAllocator
{
    /// <summary>The site's tag with this name's slug, created on first use.</summary>
    public static async Task<int> IdOnSiteAsync(Data.WartaDbContext db, int siteId, string name, CancellationToken cancellationToken)
    {
        var slug = Slugs.From(name);
        var tag = await db.Tags.FirstOrDefaultAsync(t => t.SiteId == siteId && t.Slug == slug, cancellationToken);
        if (tag is not null) return tag.Id;
        tag = new Tag { SiteId = siteId, Slug = slug, Name = name };
        db.Tags.Add(tag);
        await db.SaveChangesAsync(cancellationToken);
        return tag.Id;
    }
}
