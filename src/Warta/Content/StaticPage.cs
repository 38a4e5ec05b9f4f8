namespace Warta.Content;

/// <summary>
/// A page every Indonesian news site must publish (Redaksi, Pedoman Media Siber, ...), kept by the
/// site's admins in the same sanitized HTML as stories and linked from every footer once it has text.
/// </summary>
public sealed class StaticPage
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string BodyHtml { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public int? UpdatedById { get; set; }
}

public static class StaticPages
{
    public const int MaxTitleLength = 120;

    /// <summary>The pages a site keeps, in footer order, with the titles they start with.</summary>
    public static readonly IReadOnlyList<(string Slug, string Title)> Standard =
    [
        ("redaksi", "Redaksi"),
        ("pedoman-media-siber", "Pedoman Media Siber"),
        ("kontak", "Kontak"),
        ("tentang-kami", "Tentang Kami"),
        ("kebijakan-privasi", "Kebijakan Privasi"),
        ("syarat-dan-ketentuan", "Syarat dan Ketentuan"),
    ];

    public static int Order(string slug) => Standard.Select(s => s.Slug).ToList().IndexOf(slug);

    public static string Path(string slug) => $"/halaman/{slug}";
}
