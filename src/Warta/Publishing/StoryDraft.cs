using Warta.Content;

namespace Warta.Publishing;

/// <summary>
/// What a writer or editor sends when saving a story. Every field left null stays as it is stored (an
/// API client may send the headline only); empty means "none". Bylines are names, as printed
/// ("Penulis: Rica Agustina"); a new name becomes a person.
/// </summary>
public sealed record ArticleDraft(string? Headline, string? Summary, int? SectionId, string? BodyHtml, string? Dateline = null)
{
    public IReadOnlyList<string>? Tags { get; init; }
    public string? WriterName { get; init; }
    public string? EditorName { get; init; }
    public int? LeadMediaId { get; init; }

    /// <summary>The story's text as this draft leaves it: what it sends, and the stored value for what it leaves out.</summary>
    public StoryText Over(Article current) => new(
        Headline ?? current.Headline, Summary ?? current.Summary, SectionId ?? current.SectionId, BodyHtml ?? current.BodyHtml,
        Dateline ?? current.Dateline ?? "");
}

/// <summary>A draft's text fields with nothing left out.</summary>
public sealed record StoryText(string Headline, string Summary, int SectionId, string BodyHtml, string Dateline);
