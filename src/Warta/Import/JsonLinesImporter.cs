using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Warta.Content;
using Warta.Data;
using Warta.Network;
using Warta.Publishing;
using Warta.Reading;

namespace Warta.Import;

/// <summary>One line of the corpus interchange format (see DESIGN.md).</summary>
public sealed record CorpusRecord(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("published_at")] string? PublishedAt,
    [property: JsonPropertyName("category")] string? Category,
    [property: JsonPropertyName("subcategory")] string? Subcategory,
    [property: JsonPropertyName("tags")] string[]? Tags,
    [property: JsonPropertyName("author")] string? Author,
    [property: JsonPropertyName("source_site")] string? SourceSite,
    [property: JsonPropertyName("url")] string? Url);

public sealed record ImportProblem(long Line, string Reason);

public sealed record ImportReport(int Imported, int Skipped, IReadOnlyList<ImportProblem> Problems, TimeSpan Elapsed)
{
    public double PerSecond => Elapsed.TotalSeconds > 0 ? Imported / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// `import jsonl`: reads the corpus format line by line, in batches of one transaction each.
/// Idempotent by record id; a bad line is reported with its number and reason and the rest goes on.
/// </summary>
public sealed class JsonLinesImporter(WartaDbContext db, ArticleWorkflow workflow)
{
    public const int BatchSize = 1000;
    private const string DefaultSection = "Umum";

    public async Task<ImportReport> ImportAsync(SiteInfo site, string file, IImportProgress progress, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var state = await ImportState.LoadAsync(db, site.Id, cancellationToken);
        var problems = new List<ImportProblem>();
        var batch = new List<Article>(BatchSize);
        int imported = 0, skipped = 0;
        long lineNumber = 0;

        await using var stream = File.OpenRead(file);
        using var reader = new StreamReader(stream);
        progress.Start(stream.Length);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            switch (Read(line, out var record))
            {
                case { } reason:
                    problems.Add(new ImportProblem(lineNumber, reason));
                    continue;
            }
            if (Validate(record!, site) is { } invalid)
            {
                problems.Add(new ImportProblem(lineNumber, invalid));
                continue;
            }
            if (!state.ExternalIds.Add(record!.Id!))
            {
                skipped++;
                continue;
            }
            batch.Add(await ToArticleAsync(record, site, state, cancellationToken));
            if (batch.Count == BatchSize)
            {
                imported += await SaveAsync(batch, site, state, cancellationToken);
                progress.Report(stream.Position, imported);
            }
        }
        imported += await SaveAsync(batch, site, state, cancellationToken);
        // Fresh statistics let the query planner pick the section and tag indexes for the new rows.
        if (imported > 0) await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
        progress.Report(stream.Length, imported);
        progress.Stop();
        return new ImportReport(imported, skipped, problems, stopwatch.Elapsed);
    }

    private static string? Read(string line, out CorpusRecord? record)
    {
        record = null;
        try
        {
            record = JsonSerializer.Deserialize(line, CorpusJson.Default.CorpusRecord);
            return record is null ? "baris berisi null, bukan objek JSON" : null;
        }
        catch (JsonException ex)
        {
            return $"JSON tidak sah ({ex.Message.Split(" Path:")[0].TrimEnd('.')}; posisi {ex.BytePositionInLine})";
        }
    }

    private static string? Validate(CorpusRecord record, SiteInfo site)
    {
        if (string.IsNullOrWhiteSpace(record.Id)) return "kolom 'id' kosong";
        if (record.Id.Length > 200) return "kolom 'id' lebih dari 200 karakter";
        if (string.IsNullOrWhiteSpace(record.Title)) return $"{record.Id}: kolom 'title' kosong";
        if (string.IsNullOrWhiteSpace(record.Body)) return $"{record.Id}: kolom 'body' kosong";
        if (ParsePublished(record.PublishedAt, site.TimeZone) is null)
            return $"{record.Id}: 'published_at' bukan tanggal ISO 8601: \"{record.PublishedAt}\"";
        if (record.Url is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            return $"{record.Id}: 'url' bukan URL absolut: \"{url}\"";
        return null;
    }

    /// <summary>A full timestamp, or a date alone (time unknown), read as midnight in the site's zone.</summary>
    public static DateTimeOffset? ParsePublished(string? text, IndonesianTimeZone zone)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (text.Contains('T') && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var instant))
            return instant.ToUniversalTime();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", out var date))
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), zone.Offset()).ToUniversalTime();
        return null;
    }

    private async Task<Article> ToArticleAsync(CorpusRecord record, SiteInfo site, ImportState state, CancellationToken cancellationToken)
    {
        var paragraphs = record.Body!.Replace("\r\n", "\n").Split("\n\n").Select(ArticleHtml.Normalize).Where(p => p.Length > 0).ToList();
        var body = new System.Text.StringBuilder();
        foreach (var paragraph in paragraphs)
            body.Append(paragraph.StartsWith("Baca juga:", StringComparison.OrdinalIgnoreCase)
                ? ArticleHtml.BacaJuga(paragraph["Baca juga:".Length..].Trim(), null)
                : ArticleHtml.FromParagraphs([paragraph]));

        var headline = ArticleHtml.Normalize(record.Title!);
        var article = new Article
        {
            SectionId = (await state.SectionAsync(db, site.Id, record.Category ?? DefaultSection, cancellationToken)).Id,
            Slug = state.AllocateSlug(Slugs.From(headline)),
            Headline = headline.Length <= 300 ? headline : headline[..300],
            Summary = Summarize(paragraphs.FirstOrDefault() ?? ""),
            BodyHtml = body.ToString(),
            PublishedAt = ParsePublished(record.PublishedAt, site.TimeZone),
            ExternalId = record.Id,
            OriginSiteName = string.IsNullOrWhiteSpace(record.SourceSite) ? null : record.SourceSite.Trim(),
            OriginUrl = string.IsNullOrWhiteSpace(record.Url) ? null : record.Url.Trim(),
        };
        if (!string.IsNullOrWhiteSpace(record.Author))
            article.WriterId = (await state.PersonAsync(db, record.Author, site.Id, cancellationToken)).Id;
        var position = 0;
        foreach (var tagName in (record.Tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var tag = await state.TagAsync(db, site.Id, tagName, cancellationToken);
            article.Tags.Add(new ArticleTag { TagId = tag.Id, Position = position++ });
        }
        return article;
    }

    /// <summary>The lede: the first paragraph, cut at a word boundary near 200 characters.</summary>
    private static string Summarize(string paragraph)
    {
        if (paragraph.Length <= 220) return paragraph;
        var cut = paragraph.LastIndexOf(' ', 200);
        return paragraph[..(cut > 0 ? cut : 200)].TrimEnd(',', ';', ' ') + "…";
    }

    private async Task<int> SaveAsync(List<Article> batch, SiteInfo site, ImportState state, CancellationToken cancellationToken)
    {
        var count = batch.Count;
        await workflow.ImportAsync(site.Id, batch, state.TakeNewSections(), cancellationToken);
        db.ChangeTracker.Clear();
        batch.Clear();
        return count;
    }

    /// <summary>What the import must know of the site without asking the store per record.</summary>
    private sealed class ImportState
    {
        private readonly Dictionary<string, Section> _sections = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, Tag> _tags = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, Person> _people = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _slugs;
        private bool _newSections;

        private ImportState(HashSet<string> externalIds, HashSet<string> slugs)
        {
            ExternalIds = externalIds;
            _slugs = slugs;
        }

        public HashSet<string> ExternalIds { get; }

        public static async Task<ImportState> LoadAsync(WartaDbContext db, int siteId, CancellationToken cancellationToken)
        {
            var articles = db.Articles.AsNoTracking().Where(a => a.SiteId == siteId);
            var ids = await articles.Where(a => a.ExternalId != null).Select(a => a.ExternalId!).ToListAsync(cancellationToken);
            var slugs = await articles.Select(a => a.Slug).ToListAsync(cancellationToken);
            var state = new ImportState(ids.ToHashSet(), slugs.ToHashSet());
            foreach (var section in await db.Sections.AsNoTracking().Where(s => s.SiteId == siteId).ToListAsync(cancellationToken))
                state._sections[section.Slug] = section;
            return state;
        }

        public string AllocateSlug(string slug)
        {
            var unique = SlugAllocator.Next(slug, _slugs);
            _slugs.Add(unique);
            return unique;
        }

        public bool TakeNewSections()
        {
            var had = _newSections;
            _newSections = false;
            return had;
        }

        public async Task<Section> SectionAsync(WartaDbContext db, int siteId, string name, CancellationToken cancellationToken)
        {
            var clean = ArticleHtml.Normalize(name);
            var slug = Slugs.From(clean);
            if (_sections.TryGetValue(slug, out var section)) return section;
            section = new Section { SiteId = siteId, Slug = slug, Name = clean, Position = 100 + _sections.Count };
            await AddNowAsync(db, section, cancellationToken);
            _newSections = true;
            return _sections[slug] = section;
        }

        public async Task<Tag> TagAsync(WartaDbContext db, int siteId, string name, CancellationToken cancellationToken)
        {
            var clean = ArticleHtml.Normalize(name);
            var slug = Slugs.From(clean);
            if (_tags.TryGetValue(slug, out var tag)) return tag;
            tag = await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.SiteId == siteId && t.Slug == slug, cancellationToken);
            if (tag is null)
            {
                tag = new Tag { SiteId = siteId, Slug = slug, Name = clean };
                await AddNowAsync(db, tag, cancellationToken);
            }
            return _tags[slug] = tag;
        }

        public async Task<Person> PersonAsync(WartaDbContext db, string name, int siteId, CancellationToken cancellationToken)
        {
            var clean = ArticleHtml.Normalize(name);
            if (_people.TryGetValue(clean, out var person)) return person;
            var slug = Slugs.From(clean);
            person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);
            if (person is null)
            {
                person = new Person { Slug = slug, Name = clean, HomeSiteId = siteId };
                await AddNowAsync(db, person, cancellationToken);
            }
            return _people[clean] = person;
        }

        /// <summary>
        /// Sections, tags and people get their ids at once. The article batch is only handed to the
        /// context when it is saved, so nothing else is pending here.
        /// </summary>
        private static async Task AddNowAsync<T>(WartaDbContext db, T entity, CancellationToken cancellationToken) where T : class
        {
            db.Add(entity);
            await db.SaveChangesAsync(cancellationToken);
            db.Entry(entity).State = EntityState.Detached;
        }
    }
}

[JsonSerializable(typeof(CorpusRecord))]
internal sealed partial class CorpusJson : JsonSerializerContext;
