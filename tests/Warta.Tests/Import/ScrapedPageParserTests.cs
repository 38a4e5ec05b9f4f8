using Warta.Import;

namespace Warta.Tests.Import;

/// <summary>The parser on small pages written here, in the seed's shape.</summary>
public sealed class ScrapedPageParserTests
{
    private const string Page = """
        Nikmati berita interaktif dan LIVE report 24 jam hanya di WartaUji
        WartaUji

        Jembatan Gantung Baru Hubungkan Dua Desa

        Warga dua desa kini tak perlu memutar 12 kilometer.

        Penulis: Sari Wulandari
        Editor: Budi Hartono
        zoom-in Jembatan Gantung Baru Hubungkan Dua Desa
        Dimas Pratama / WartaUji
        Warga melintasi jembatan gantung baru di Desa Suka Maju, Senin (3/11/2025). - Warga dua desa kini tak perlu memutar 12 kilometer.

        MAGELANG, WARTAUJI.COM - Jembatan gantung sepanjang 80 meter diresmikan pagi ini.

        Pembangunan memakan waktu enam bulan.

        Baca juga: Jalan Desa Rusak Parah Setelah Banjir

        Berita Rekomendasi

        Warga menyambut dengan syukuran.

        Halaman
        12
        Sumber: WartaMagelang.com
        Dapatkan Berita Pilihan
        di WhatsApp Anda
        Ikuti kami di
        © 2025 WartaUji
        Atas
        """;

    [Fact]
    public void EveryPartOfThePageIsFoundAndTheChromeDropped()
    {
        var page = ScrapedPageParser.Parse(Page);

        Assert.Equal("Jembatan Gantung Baru Hubungkan Dua Desa", page.Headline);
        Assert.Equal("Warga dua desa kini tak perlu memutar 12 kilometer.", page.Summary);
        Assert.Equal(("Sari Wulandari", "Budi Hartono"), (page.Writer, page.Editor));
        Assert.Equal("Dimas Pratama / WartaUji", page.PhotoCredit);
        Assert.Equal("Warga melintasi jembatan gantung baru di Desa Suka Maju, Senin (3/11/2025).", page.PhotoCaption);
        Assert.Equal("MAGELANG, WARTAUJI.COM", page.Dateline);
        Assert.Equal("WartaMagelang.com", page.SourceSite);
        Assert.Equal(
            [
                ("Jembatan gantung sepanjang 80 meter diresmikan pagi ini.", false),
                ("Pembangunan memakan waktu enam bulan.", false),
                ("Jalan Desa Rusak Parah Setelah Banjir", true),
                ("Warga menyambut dengan syukuran.", false),
            ],
            page.Body.Select(b => (b.Text, b.IsBacaJuga)));
    }

    [Fact]
    public void APageWithoutBylinesIsRefusedWithAReason()
    {
        var error = Assert.Throws<ScrapedPageException>(() => ScrapedPageParser.Parse("Judul saja\n\nSatu paragraf."));
        Assert.Contains("Penulis:", error.Message);
    }

    [Fact]
    public void APageWithoutBodyIsRefusedWithAReason()
    {
        var error = Assert.Throws<ScrapedPageException>(() => ScrapedPageParser.Parse("Judul\nRingkasan\nPenulis: A\nEditor: B\nSumber: X.com"));
        Assert.Contains("Isi berita kosong", error.Message);
    }

    [Fact]
    public void APageWithoutPhotoOrDatelineStillImports()
    {
        var page = ScrapedPageParser.Parse("Judul Berita\nRingkasan berita.\nPenulis: A B\n\nParagraf satu.\n\nParagraf dua.");

        Assert.Null(page.PhotoCaption);
        Assert.Null(page.Dateline);
        Assert.Null(page.Editor);
        Assert.Equal(["Paragraf satu.", "Paragraf dua."], page.Body.Select(b => b.Text));
    }
}
