using System.Text.Encodings.Web;
using Warta.Content;
using Warta.Network;
using Warta.Reading;

namespace Warta.Live;

/// <summary>An entry as readers see it, whether in the first page or in an event.</summary>
public sealed record LiveEntryView(int Id, DateTimeOffset PostedAt, DateTimeOffset? EditedAt, string? AuthorName, string BodyHtml, Photo? Photo, string? EmbedUrl, bool IsKeyEvent);

/// <summary>
/// One renderer for an entry, used by the server-rendered page and by the events that update it,
/// so a reader who reloads sees exactly what the live page showed.
/// </summary>
public static class LiveEntryHtml
{
    private static readonly HtmlEncoder Encode = HtmlEncoder.Default;

    public static string Render(LiveEntryView entry, IndonesianTimeZone zone)
    {
        var local = zone.ToLocal(entry.PostedAt);
        var html = new System.Text.StringBuilder(512 + entry.BodyHtml.Length);
        html.Append($"<article class=\"live-entry{(entry.IsKeyEvent ? " key-event" : "")}\" id=\"entri-{entry.Id}\" data-id=\"{entry.Id}\" data-key=\"{(entry.IsKeyEvent ? "1" : "0")}\">");
        html.Append($"<header><time datetime=\"{entry.PostedAt:O}\" title=\"{Encode.Encode(IndonesianDates.Full(entry.PostedAt, zone))}\">{local:HH.mm} {zone.Abbreviation()}</time>");
        if (entry.IsKeyEvent) html.Append("<span class=\"key-label\">Penting</span>");
        if (entry.EditedAt is not null) html.Append("<span class=\"edited\">diperbarui</span>");
        html.Append("</header>");
        html.Append($"<div class=\"entry-body\">{entry.BodyHtml}</div>");
        if (entry.Photo is { } photo)
        {
            html.Append("<figure class=\"entry-photo\"><picture>");
            html.Append($"<source type=\"image/webp\" srcset=\"{Encode.Encode(photo.WebpSrcSet)}\" sizes=\"(max-width: 700px) 100vw, 640px\">");
            html.Append($"<img src=\"{Encode.Encode(photo.Src(640))}\" srcset=\"{Encode.Encode(photo.OriginalSrcSet)}\" sizes=\"(max-width: 700px) 100vw, 640px\" width=\"{photo.Width}\" height=\"{photo.Height}\" alt=\"{Encode.Encode(photo.AltText)}\" loading=\"lazy\">");
            html.Append($"</picture><figcaption>{Encode.Encode(photo.Caption)} <span class=\"credit\">{Encode.Encode(photo.Credit)}</span></figcaption></figure>");
        }
        if (entry.EmbedUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var link))
            html.Append($"<a class=\"embed-card\" href=\"{Encode.Encode(link.AbsoluteUri)}\" rel=\"nofollow noopener noreferrer\" target=\"_blank\"><span class=\"embed-host\">{Encode.Encode(link.Host)}</span> <span class=\"embed-url\">{Encode.Encode(link.AbsoluteUri)}</span></a>");
        if (entry.AuthorName is { } author) html.Append($"<p class=\"entry-author\">{Encode.Encode(author)}</p>");
        html.Append("</article>");
        return html.ToString();
    }
}
