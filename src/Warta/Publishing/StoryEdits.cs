using Microsoft.EntityFrameworkCore;
using Warta.Content;
using Warta.Data;
using Warta.Network;

namespace Warta.Publishing;

/// <summary>
/// A draft checked against the limits and the site, then copied onto a story: text, tags, bylines,
/// lead photo and the "Baca juga" rows. Only <see cref="ArticleWorkflow"/> calls it, inside a step.
/// </summary>
public sealed class StoryEdits(WartaDbContext db, ArticleHtml html, People people, SiteDirectory sites)
{
    /// <summary>
    /// Checks a draft and copies it onto the story. Tags and bylines are found or created before the
    /// story itself is touched, so their inserts never carry a half-changed story with them.
    /// </summary>
    public async Task<Refusal?> ApplyAsync(Article article, ArticleDraft draft, CancellationToken cancellationToken)
    {
        var text = draft.Over(article);
        var errors = new List<string>();
        var body = draft.BodyHtml is null ? null : html.Sanitize(draft.BodyHtml);
        if (body?.Refusal is { } refusal) errors.Add(BodyRefusal(refusal));
        if (string.IsNullOrWhiteSpace(text.Headline)) errors.Add("Judul wajib diisi.");
        errors.AddRange(TextLimits.Check("Judul", text.Headline, TextLimits.Headline));
        errors.AddRange(TextLimits.Check("Ringkasan", text.Summary, TextLimits.Summary));
        errors.AddRange(TextLimits.Check("Dateline", text.Dateline, TextLimits.Dateline));
        errors.AddRange(TextLimits.Check("Nama penulis", draft.WriterName, TextLimits.Name));
        errors.AddRange(TextLimits.Check("Nama editor", draft.EditorName, TextLimits.Name));
        if (sites.FindById(article.SiteId)?.Sections.Any(s => s.Id == text.SectionId) != true) errors.Add("Pilih rubrik situs ini.");
        var tagNames = (draft.Tags ?? []).Select(ArticleHtml.Normalize).Where(t => t.Length > 0).DistinctBy(Slugs.From).ToList();
        if (tagNames.Count > MaxTags) errors.Add($"Paling banyak {MaxTags} tag.");
        if (tagNames.Any(t => t.Length > TextLimits.Tag || Slugs.From(t).Length == 0 || TextLimits.HasControlCharacters(t)))
            errors.Add($"Tag paling panjang {TextLimits.Tag} karakter dan harus berisi huruf atau angka.");
        if (draft.LeadMediaId is > 0 and var mediaId && !await db.Media.AnyAsync(m => m.Id == mediaId && m.SiteId == article.SiteId, cancellationToken))
            errors.Add("Foto utama harus dari pustaka foto situs ini.");
        if (errors.Count > 0) return string.Join(" ", errors);

        var tagIds = new List<int>();
        foreach (var name in tagNames) tagIds.Add(await TagAllocator.IdOnSiteAsync(db, article.SiteId, name, cancellationToken));
        if (draft.WriterName is { } writer) article.WriterId = await PersonIdAsync(writer, article.SiteId, cancellationToken);
        if (draft.EditorName is { } editor) article.EditorId = await PersonIdAsync(editor, article.SiteId, cancellationToken);
        if (draft.LeadMediaId is { } lead) article.LeadMediaId = lead > 0 ? lead : null;

        article.Headline = text.Headline.Trim();
        article.Summary = text.Summary.Trim();
        article.SectionId = text.SectionId;
        article.Dateline = string.IsNullOrWhiteSpace(text.Dateline) ? null : text.Dateline.Trim();
        if (body is not null) article.BodyHtml = body.Html;
        await SetRelatedLinksAsync(article, cancellationToken);
        if (draft.Tags is not null) SetTags(article, tagIds);
        return null;
    }

    /// <summary>Keeps a row per "Baca juga" line, naming the story it points to on this site, so a renamed target can be found.</summary>
    private async Task SetRelatedLinksAsync(Article article, CancellationToken cancellationToken)
    {
        var links = ArticleHtml.BacaJugaLinks(article.BodyHtml);
        var slugs = links.Select(l => l.Url is { } url && url.StartsWith('/') ? url.TrimEnd('/').Split('/')[^1] : null).ToList();
        var wanted = slugs.OfType<string>().Distinct().ToArray();
        var targets = await db.Articles.AsNoTracking().Where(a => a.SiteId == article.SiteId && wanted.Contains(a.Slug))
            .Select(a => new { a.Slug, a.Id }).ToDictionaryAsync(a => a.Slug, a => a.Id, cancellationToken);
        article.RelatedLinks.Clear();
        for (var position = 0; position < links.Count; position++)
            article.RelatedLinks.Add(new RelatedLink
            {
                Position = position, Headline = links[position].Headline, Url = links[position].Url,
                TargetArticleId = slugs[position] is { } slug && targets.TryGetValue(slug, out var id) ? id : null,
            });
    }

    private static void SetTags(Article article, List<int> tagIds)
    {
        article.Tags.RemoveAll(t => !tagIds.Contains(t.TagId));
        for (var position = 0; position < tagIds.Count; position++)
        {
            var existing = article.Tags.Find(t => t.TagId == tagIds[position]);
            if (existing is null) article.Tags.Add(new ArticleTag { TagId = tagIds[position], Position = position });
            else existing.Position = position;
        }
    }

    public const int MaxTags = 10;

    private async Task<int?> PersonIdAsync(string name, int siteId, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(name) || Slugs.From(name).Length == 0 ? null : (await people.FindOrCreateAsync(ArticleHtml.Normalize(name), siteId, cancellationToken)).Id;

    public static string BodyRefusal(string refusal) => $"Isi berita ditolak: {refusal} Tidak ada yang disimpan.";
}
