using Warta.Administration;
using Warta.Network;

namespace Warta.Newsroom;

/// <summary>
/// The fields of a site as the form posts them. Model binding turns an empty field into null (as does a
/// field left out of a hand-made request): here that is empty text, which clears an optional field and
/// is refused, naming it, for a required one.
/// </summary>
public sealed class SiteForm
{
    public string? Name { get; set; }
    public string? Hosts { get; set; }
    public string? Tagline { get; set; }
    public string? TimeZone { get; set; } = "WIB";
    public string? BrandColor { get; set; } = "#b3121a";
    public string? PromoLine { get; set; }
    public string? WhatsAppChannelUrl { get; set; }
    public string? CopyrightHolder { get; set; }
    public string? Dateline { get; set; }
    public bool IsDefault { get; set; }

    public static SiteForm Of(SiteInfo site, bool isDefault) => new()
    {
        Name = site.Name, Hosts = string.Join('\n', site.Hosts), Tagline = site.Tagline, TimeZone = site.TimeZone.Abbreviation(),
        BrandColor = site.BrandColor, PromoLine = site.PromoLine, WhatsAppChannelUrl = site.WhatsAppChannelUrl ?? "",
        CopyrightHolder = site.CopyrightHolder, Dateline = site.Dateline, IsDefault = isDefault,
    };

    /// <summary>One host per line (or separated by spaces or commas), the first the site's own address.</summary>
    public SiteSettings ToSettings(bool creating) => new(
        Name ?? "", (Hosts ?? "").Split(['\n', '\r', ' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        Tagline ?? "", TimeZone ?? "", BrandColor ?? "", PromoLine ?? "", WhatsAppChannelUrl ?? "", CopyrightHolder ?? "",
        creating && string.IsNullOrWhiteSpace(Dateline) ? null : Dateline ?? "", IsDefault ? true : null);
}
