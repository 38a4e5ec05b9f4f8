using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Warta.Content;
using Warta.Data;
using Warta.Media;
using Warta.Network;
using Warta.Reading;

namespace Warta.Demo;

/// <summary>
/// Fills an empty store with a fictional network (Demo/demo-network.json, written for Warta),
/// so the first `dotnet run` shows a working site. Times are relative to now, so the demo looks current.
/// </summary>
public sealed class DemoNetwork(WartaDbContext db, MediaLibrary media, TimeProvider clock, ILogger<DemoNetwork> logger)
{
    public async Task CreateAsync(CancellationToken cancellationToken = default)
    {
        var demo = await LoadAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        db.Networks.Add(new NetworkProfile { Name = demo.Network.Name, Company = demo.Network.Company });
        var sites = demo.Sites.ToDictionary(s => s.Slug, s => new Site
        {
            Slug = s.Slug,
            Name = s.Name,
            Tagline = s.Tagline ?? "",
            Dateline = s.Dateline,
            TimeZone = IndonesianTimeZoneExtensions.TryParse(s.TimeZone, out var zone) ? zone : IndonesianTimeZone.Wib,
            PromoLine = s.PromoLine ?? "",
            BrandColor = s.BrandColor ?? "#b3121a",
            WhatsAppChannelUrl = s.WhatsAppChannelUrl,
            CopyrightHolder = s.CopyrightHolder ?? s.Name,
            IsDefault = s.IsDefault,
            Hosts = s.Hosts.Select(h => new SiteHost { Name = h.ToLowerInvariant() }).ToList(),
            SocialLinks = (s.SocialLinks ?? []).Select(l => new SocialLink { Network = l.Network, Url = l.Url }).ToList(),
        });
        db.Sites.AddRange(sites.Values);
        await db.SaveChangesAsync(cancellationToken);

        var sections = new Dictionary<(string, string), Section>();
        foreach (var s in demo.Sites)
            foreach (var (section, position) in s.Sections.Select((x, i) => (x, i)))
                sections[(s.Slug, section.Slug)] = new Section { SiteId = sites[s.Slug].Id, Slug = section.Slug, Name = section.Name, Position = position };
        db.Sections.AddRange(sections.Values);
        var people = demo.People.ToDictionary(p => p.Slug, p => new Person { Slug = p.Slug, Name = p.Name, Bio = p.Bio ?? "", HomeSiteId = sites[p.Site].Id });
        db.People.AddRange(people.Values);
        db.StaticPages.AddRange(sites.Values.SelectMany(site => DemoPages(site, now)));
        await db.SaveChangesAsync(cancellationToken);

        var tags = new Dictionary<(int, string), Tag>();
        var articles = new Dictionary<string, Article>();
        // Origins first, so a syndicated copy can point at its origin's id and URL.
        foreach (var item in demo.Articles.OrderBy(a => a.SyndicatedFrom is null ? 0 : 1))
        {
            var site = sites[item.Site];
            var published = now.AddMinutes(-item.PublishedMinutesAgo);
            var photo = item.Photo is null ? null : await media.AddPlaceholderAsync(site.Id, item.Photo.Caption, item.Photo.Credit, item.Photo.Alt, item.Photo.Hue * 7919 + item.Key.Length, cancellationToken);
            var article = new Article
            {
                SiteId = site.Id,
                SectionId = sections[(item.Site, item.Section)].Id,
                Slug = Slugs.From(item.Headline),
                Headline = item.Headline,
                Summary = item.Summary,
                Dateline = item.Dateline,
                WriterId = people[item.Writer].Id,
                EditorId = people[item.Editor].Id,
                Status = ArticleStatus.Published,
                CreatedAt = published,
                PublishedAt = published,
                UpdatedAt = item.UpdatedMinutesAgo is { } updated ? now.AddMinutes(-updated) : null,
                LeadMediaId = photo?.Id,
                ExternalId = $"demo-{item.Key}",
            };
            foreach (var (name, position) in (item.Tags ?? []).Select((t, i) => (t, i)))
            {
                var key = (site.Id, Slugs.From(name));
                if (!tags.TryGetValue(key, out var tag))
                {
                    tag = tags[key] = new Tag { SiteId = site.Id, Slug = key.Item2, Name = name };
                    db.Tags.Add(tag);
                }
                article.Tags.Add(new ArticleTag { Tag = tag, Position = position });
            }
            if (item.SyndicatedFrom is { } originKey && articles.TryGetValue(originKey, out var origin))
            {
                var originSite = sites.Values.Single(s => s.Id == origin.SiteId);
                article.OriginArticleId = origin.Id;
                article.OriginSiteName = $"{originSite.Name}.com";
                article.OriginUrl = $"http://{originSite.Hosts[0].Name}{ArticleUrls.Path(sections.Values.Single(s => s.Id == origin.SectionId).Slug, origin.PublishedAt!.Value, origin.Slug, originSite.TimeZone)}";
            }
            db.Articles.Add(article);
            await db.SaveChangesAsync(cancellationToken);
            articles[item.Key] = article;
        }

        // Bodies last: "Baca juga" lines need the URLs of the stories they point to.
        foreach (var item in demo.Articles)
        {
            var article = articles[item.Key];
            var links = (item.BacaJuga ?? []).Where(b => articles.ContainsKey(b.Article)).ToList();
            var body = new System.Text.StringBuilder();
            var index = 0;
            foreach (var (page, pageNumber) in item.Pages.Select((p, i) => (p, i)))
            {
                if (pageNumber > 0) body.Append(ArticleHtml.PageBreak);
                foreach (var paragraph in page)
                {
                    body.Append(ArticleHtml.FromParagraphs([paragraph]));
                    foreach (var link in links.Where(l => l.AfterParagraph == index))
                    {
                        var target = articles[link.Article];
                        var url = UrlOf(target, sites, sections, article.SiteId);
                        body.Append(ArticleHtml.BacaJuga(target.Headline, url));
                        article.RelatedLinks.Add(new RelatedLink { Position = article.RelatedLinks.Count, Headline = target.Headline, Url = url, TargetArticleId = target.Id });
                    }
                    index++;
                }
            }
            article.BodyHtml = body.ToString();
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var live in demo.LiveReports ?? []) await AddLiveReportAsync(live, sites[live.Site], people, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Demo network created: {Sites} sites, {Articles} articles", sites.Count, articles.Count);
    }

    /// <summary>A running report with a day of entries; its event log starts empty, so readers replay only what comes next.</summary>
    private async Task AddLiveReportAsync(DemoLiveReport item, Site site, Dictionary<string, Person> people, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var report = new Live.LiveReport
        {
            SiteId = site.Id, Slug = Slugs.From(item.Headline), Headline = item.Headline, Summary = item.Summary,
            CreatedAt = now.AddMinutes(-item.OpenedMinutesAgo), UpdatedAt = now.AddMinutes(-item.Entries.Min(e => e.MinutesAgo)),
        };
        db.LiveReports.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        var entries = item.Entries.Select(e => new Live.LiveEntry
        {
            ReportId = report.Id, PostedAt = now.AddMinutes(-e.MinutesAgo), AuthorId = people[e.Author].Id,
            BodyHtml = ArticleHtml.FromParagraphs([e.Text]), IsKeyEvent = e.KeyEvent,
        }).ToList();
        db.LiveEntries.AddRange(entries);
        await db.SaveChangesAsync(cancellationToken);
        if (item.PinnedEntry is { } pinned) report.PinnedEntryId = entries[pinned].Id;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string UrlOf(Article target, Dictionary<string, Site> sites, Dictionary<(string, string), Section> sections, int fromSiteId)
    {
        var site = sites.Values.Single(s => s.Id == target.SiteId);
        var path = ArticleUrls.Path(sections.Values.Single(s => s.Id == target.SectionId).Slug, target.PublishedAt!.Value, target.Slug, site.TimeZone);
        return site.Id == fromSiteId ? path : $"http://{site.Hosts[0].Name}{path}";
    }

    private static async Task<DemoFile> LoadAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(DemoNetwork).Assembly.GetManifestResourceStream("Warta.DemoNetwork.json")
            ?? throw new InvalidOperationException("The demo network resource is missing from the build.");
        return await JsonSerializer.DeserializeAsync<DemoFile>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web), cancellationToken)
            ?? throw new InvalidOperationException("The demo network resource is empty.");
    }

    private sealed record DemoFile(DemoNetworkInfo Network, List<DemoSite> Sites, List<DemoPerson> People, List<DemoArticle> Articles, List<DemoLiveReport>? LiveReports);
    private sealed record DemoLiveReport(string Site, string Headline, string Summary, int OpenedMinutesAgo, int? PinnedEntry, List<DemoLiveEntry> Entries);
    private sealed record DemoLiveEntry(int MinutesAgo, string Author, bool KeyEvent, string Text);
    private sealed record DemoNetworkInfo(string Name, string Company);
    /// <summary>Two of the pages a site keeps, so the footer shows them; the others wait for an admin, as on a new site.</summary>
    private static IEnumerable<StaticPage> DemoPages(Site site, DateTimeOffset now)
    {
        var mail = $"redaksi@{site.Slug}.warta.example";
        yield return new StaticPage
        {
            SiteId = site.Id, Slug = "redaksi", Title = "Redaksi", UpdatedAt = now,
            BodyHtml = $"<p>{site.Name} adalah situs contoh jaringan Warta. Nama dan alamat di halaman ini rekaan.</p>"
                + "<h2>Pemimpin Redaksi</h2><p>Ratna Kusumawardani</p><h2>Redaktur Pelaksana</h2><p>Bagus Prasetyo</p>"
                + $"<h2>Alamat Redaksi</h2><p>Jalan Contoh No. 1, Jakarta. Surel: <a href=\"mailto:{mail}\">{mail}</a></p>",
        };
        yield return new StaticPage
        {
            SiteId = site.Id, Slug = "kontak", Title = "Kontak", UpdatedAt = now,
            BodyHtml = $"<p>Kirim koreksi, hak jawab atau kabar dari daerah Anda ke <a href=\"mailto:{mail}\">{mail}</a>.</p>",
        };
    }

    private sealed record DemoSite(string Slug, string Name, List<string> Hosts, bool IsDefault, string Dateline, string TimeZone, string? Tagline,
        string? PromoLine, string? BrandColor, string? WhatsAppChannelUrl, List<DemoLink>? SocialLinks, string? CopyrightHolder, List<DemoSection> Sections);
    private sealed record DemoLink(string Network, string Url);
    private sealed record DemoSection(string Slug, string Name);
    private sealed record DemoPerson(string Slug, string Name, string Site, string Role, string? Bio);
    private sealed record DemoArticle(string Key, string Site, string Section, string Headline, string Summary, string? Dateline, string Writer, string Editor,
        int PublishedMinutesAgo, int? UpdatedMinutesAgo, List<string>? Tags, DemoPhoto? Photo, List<List<string>> Pages, List<DemoBacaJuga>? BacaJuga, string? SyndicatedFrom);
    private sealed record DemoPhoto(string Caption, string Credit, string Alt, int Hue);
    private sealed record DemoBacaJuga(int AfterParagraph, string Article);
}

public static class DemoServices
{
    /// <summary>The fictional network an empty store is filled with when `Warta:Demo` is on.</summary>
    public static IServiceCollection AddDemo(this IServiceCollection services) => services.AddScoped<DemoNetwork>();
}
