using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Warta.Accounts;
using Warta.Content;
using Warta.Network;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Reading;

/// <summary>
/// The reader pages on the fixture network's sites and sections, on each store. Each test publishes
/// the stories it reads, with tags and bylines no other test uses, on one app per store.
/// </summary>
public abstract class ReaderPagesTests(SharedApp shared)
{
    private static readonly string[] LatestHeadlines =
    [
        "DPR Sahkan RUU Perlindungan Data Pribadi Tahap Kedua",
        "Badai Tropis Mengancam Pesisir Selatan Filipina",
        "Cadangan Devisa Akhir November Naik Tipis",
        "Timnas Futsal Lolos ke Semifinal Piala Asia",
        "Penyanyi Muda Asal Medan Rilis Album Perdana",
        "Operator Seluler Uji Jaringan 5G di Ibu Kota Nusantara",
        "Kemenkes Perluas Program Cek Kesehatan Gratis",
        "Harga Minyak Dunia Turun Dua Hari Berturut-turut",
        "Pebulu Tangkis Ganda Campuran Naik ke Peringkat Tiga Dunia",
        "Aplikasi Pemesanan Tiket Kereta Kini Terima Dompet Digital",
    ];

    [SkippableFact]
    public async Task HomeShowsTopStoryLatestNewsAndABlockPerSection()
    {
        var app = await shared.AppAsync();
        var editor = await shared.EditorOfAsync("nasional");
        var site = app.Services.GetRequiredService<SiteDirectory>().Default!;
        var photo = await app.UploadPhotoAsync(editor, "nasional", "Truk peti kemas antre di gerbang pelabuhan.", "Uji Foto / WartaNasional");
        // The newest story with a photo leads, even when ten newer ones have none; every section gets one of them.
        var top = await app.PublishStoryAsync(editor, app.Draft("nasional", "nasional", "Pelabuhan Tanjung Priok Perpanjang Jam Layanan Peti Kemas") with { LeadMediaId = photo });
        var latest = new List<Story>();
        for (var i = 0; i < LatestHeadlines.Length; i++)
            latest.Add(await app.PublishStoryAsync(editor, app.Draft("nasional", site.Sections[i % site.Sections.Count].Slug, LatestHeadlines[i])));

        var (response, page) = await app.ClientFor().GetPageAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("id", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(top.Path, page.QuerySelector(".top-story h2 a")!.GetAttribute("href"));
        Assert.Equal("Berita Terkini", page.QuerySelector("#terkini").Text());
        Assert.Equal(latest.Select(s => s.Path).Reverse(), page.QuerySelectorAll(".latest li a").Select(a => a.GetAttribute("href")));
        Assert.Equal(site.Sections.Select(s => s.Name), page.QuerySelectorAll(".section-block h2").Select(h => h.Text()));
        Assert.NotNull(page.QuerySelector("header.masthead"));
        Assert.NotNull(page.QuerySelector("main#konten"));
        Assert.NotNull(page.QuerySelector("footer"));
    }

    [SkippableFact]
    public async Task TheFooterLinksEverySisterSiteOnItsOwnHostAndNeverAMadeUpPort()
    {
        var app = await shared.AppAsync();
        var sites = app.Services.GetRequiredService<SiteDirectory>();

        var (_, page) = await app.ClientFor("localhost:9999").GetPageAsync("/");

        var links = page.QuerySelectorAll("nav.network a").ToList();
        Assert.Equal(sites.All.Where(s => s != sites.Default).Select(s => s.Name), links.Select(a => a.Text()));
        Assert.All(links, a => Assert.Matches(@"^http://[a-z0-9-]+(\.[a-z0-9-]+)+/$", a.GetAttribute("href")));
    }

    [SkippableFact]
    public async Task SitesAreChosenByHostAndUnknownHostsGetTheDefault()
    {
        var app = await shared.AppAsync();
        // Two stories a site: whichever leads the home page, the other is in its latest list.
        var soloEditor = await shared.EditorOfAsync("solo");
        var soloStories = new[]
        {
            await app.PublishStoryAsync(soloEditor, app.Draft("solo", "budaya", "Kirab Pusaka Malam Satu Sura Dipadati Warga")),
            await app.PublishStoryAsync(soloEditor, app.Draft("solo", "solo-raya", "Pasar Gede Buka Hingga Malam Selama Libur Akhir Tahun")),
        };
        var makassarEditor = await shared.EditorOfAsync("makassar");
        var makassarStories = new[]
        {
            await app.PublishStoryAsync(makassarEditor, app.Draft("makassar", "kuliner", "Warung Pallubasa Tertua di Makassar Buka Cabang Baru")),
            await app.PublishStoryAsync(makassarEditor, app.Draft("makassar", "sulsel", "Jalur Trans Sulawesi di Maros Kembali Dibuka")),
        };

        var (_, solo) = await app.ClientFor("solo.localhost").GetPageAsync("/");
        var (_, makassar) = await app.ClientFor("makassar.localhost").GetPageAsync("/");
        var (_, unknown) = await app.ClientFor("tidak-dikenal.example").GetPageAsync("/");

        Assert.Equal("WartaSolo", solo.QuerySelector(".brand").Text());
        Assert.Equal("WartaMakassar", makassar.QuerySelector(".brand").Text());
        Assert.Equal("WartaNasional", unknown.QuerySelector(".brand").Text());
        Assert.All(soloStories, s => Assert.Contains(solo.QuerySelectorAll("a"), a => a.GetAttribute("href") == s.Path));
        Assert.All(makassarStories, s => Assert.Contains(makassar.QuerySelectorAll("a"), a => a.GetAttribute("href") == s.Path));
        Assert.NotEmpty(makassar.QuerySelectorAll(".latest time"));
        Assert.All(makassar.QuerySelectorAll(".latest time"), t => Assert.EndsWith(" WITA", t.Text()));
        Assert.NotEmpty(solo.QuerySelectorAll(".latest time"));
        Assert.All(solo.QuerySelectorAll(".latest time"), t => Assert.EndsWith(" WIB", t.Text()));
    }

    [SkippableFact]
    public async Task SectionPagesListNewestFirstAndPaginateWithCanonicalAndRelLinks()
    {
        var app = await shared.AppAsync();
        var start = DateTimeOffset.UtcNow.AddDays(-30);
        for (var i = 0; i < 25; i++)
            await app.PublishAsync("nasional", "teknologi", $"Uji halaman rubrik nomor {i:00}", start.AddHours(i));
        var client = app.ClientFor();

        var (_, first) = await client.GetPageAsync("/teknologi");
        var (_, second) = await client.GetPageAsync("/teknologi?page=2");
        var (beyond, _) = await client.GetPageAsync("/teknologi?page=9");

        Assert.Equal(20, first.QuerySelectorAll(".cards .card").Length);
        var times = first.QuerySelectorAll(".card time").Select(t => DateTimeOffset.Parse(t.GetAttribute("datetime")!)).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.Equal("http://localhost/teknologi", first.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("http://localhost/teknologi?page=2", first.QuerySelector("link[rel=next]")!.GetAttribute("href"));
        Assert.Null(first.QuerySelector("link[rel=prev]"));
        Assert.Equal("http://localhost/teknologi?page=2", second.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("http://localhost/teknologi", second.QuerySelector("link[rel=prev]")!.GetAttribute("href"));
        Assert.NotEmpty(second.QuerySelectorAll(".cards .card"));
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
    }

    [SkippableFact]
    public async Task TagAndAuthorPagesListTheirArticles()
    {
        var app = await shared.AppAsync();
        var story = await app.PublishStoryAsync(await shared.EditorOfAsync("nasional"), app.Draft("nasional", "ekonomi", "Pemerintah Siapkan Insentif Pajak untuk Mobil Listrik")
            with { Tags = ["Mobil Listrik"], WriterName = "Bayu Kurniawan" });
        var client = app.ClientFor();
        var path = story.Path;
        var (_, articlePage) = await client.GetPageAsync(path);
        var tagLink = articlePage.QuerySelector(".tags a")!.GetAttribute("href")!;
        var writerLink = articlePage.QuerySelector(".byline a")!.GetAttribute("href")!;

        var (tagResponse, tagPage) = await client.GetPageAsync(tagLink);
        var (authorResponse, authorPage) = await client.GetPageAsync(writerLink);
        var (missing, _) = await client.GetPageAsync("/tag/tidak-ada-tag-ini");

        Assert.Equal(HttpStatusCode.OK, tagResponse.StatusCode);
        Assert.Contains(tagPage.QuerySelectorAll(".card h3 a"), a => a.GetAttribute("href") == path);
        Assert.Equal(HttpStatusCode.OK, authorResponse.StatusCode);
        Assert.Contains(authorPage.QuerySelectorAll(".card h3 a"), a => a.GetAttribute("href") == path);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("/tag/mobil-listrik", tagLink);
        Assert.Equal("/penulis/bayu-kurniawan", writerLink);
        Assert.NotEmpty((await app.FindAsync(story.Id)).Tags);
    }

    [SkippableFact]
    public async Task MultiPageArticleHasOwnUrlPerPageAndAShowAllView()
    {
        var app = await shared.AppAsync();
        var pages = new[]
        {
            "<p>Perahu motor itu berangkat dari dermaga sebelum matahari terbit.</p><p>Di dalamnya ada tiga guru dan sekardus buku tulis.</p>",
            "<p>Sekolah di seberang hanya punya dua ruang kelas.</p><p>Murid kelas satu dan dua belajar bergantian.</p>",
            "<p>Tahun depan dinas berjanji menambah satu ruang kelas.</p>",
        };
        var editor = await shared.EditorOfAsync("nasional");
        var photo = await app.UploadPhotoAsync(editor, "nasional", "Perahu motor guru bersandar di dermaga.", "Uji Foto / WartaNasional");
        var story = await app.PublishStoryAsync(editor,
            app.Draft("nasional", "nasional", "Menyeberang Selat Setiap Pagi demi Mengajar di Pulau Kecil", string.Join(ArticleHtml.PageBreak, pages))
            with { Dateline = "TUAL, WARTANASIONAL.COM", LeadMediaId = photo });
        var path = story.Path;
        var client = app.ClientFor();

        var (_, one) = await client.GetPageAsync(path);
        var (_, two) = await client.GetPageAsync($"{path}?page=2");
        var (_, three) = await client.GetPageAsync($"{path}?page=3");
        var (_, all) = await client.GetPageAsync($"{path}?page=all");
        var (tooFar, _) = await client.GetPageAsync($"{path}?page=4");
        var (notANumber, _) = await client.GetPageAsync($"{path}?page=dua");

        Assert.Equal("Halaman 1 dari 3 1 2 3 Selanjutnya Tampilkan semua", one.QuerySelector(".article-pages").Text());
        Assert.Equal("Halaman 2 dari 3 Sebelumnya 1 2 3 Selanjutnya Tampilkan semua", two.QuerySelector(".article-pages").Text());
        Assert.Equal($"{path}?page=3", two.QuerySelector(".article-pages a[rel=next]")!.GetAttribute("href"));
        Assert.Null(three.QuerySelector(".article-pages a[rel=next]"));
        Assert.Equal("1", one.QuerySelector(".article-pages a[aria-current]").Text());
        Assert.Equal("2", two.QuerySelector(".article-pages a[aria-current]").Text());
        Assert.Equal($"http://localhost{path}", one.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal($"http://localhost{path}?page=2", one.QuerySelector("link[rel=next]")!.GetAttribute("href"));
        Assert.Equal($"http://localhost{path}?page=2", two.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal($"http://localhost{path}", two.QuerySelector("link[rel=prev]")!.GetAttribute("href"));
        Assert.Equal($"http://localhost{path}?page=3", two.QuerySelector("link[rel=next]")!.GetAttribute("href"));
        Assert.Null(three.QuerySelector("link[rel=next]"));
        Assert.NotNull(one.QuerySelector(".body .dateline"));
        Assert.Null(two.QuerySelector(".body .dateline"));
        // Page 2 goes on with the text; the lead photo stays on page 1 and in the view of all pages.
        Assert.NotNull(one.QuerySelector(".lead-photo"));
        Assert.Null(two.QuerySelector(".lead-photo"));
        Assert.NotNull(all.QuerySelector(".lead-photo"));

        var pageTexts = new[] { one, two, three }.Select(p => p.QuerySelectorAll(".body p").Select(e => e.Text()).ToList()).ToList();
        Assert.All(pageTexts, t => Assert.NotEmpty(t));
        Assert.Empty(pageTexts[0].Intersect(pageTexts[1]));
        Assert.Equal(pageTexts.Sum(t => t.Count), all.QuerySelectorAll(".body p").Length);
        Assert.Equal(HttpStatusCode.NotFound, tooFar.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notANumber.StatusCode);
    }

    [SkippableFact]
    public async Task ArticleUrlWithWrongSectionOrDateRedirectsToTheRightOne()
    {
        var app = await shared.AppAsync();
        var path = (await app.PublishStoryAsync(await shared.EditorOfAsync("nasional"), app.Draft("nasional", "ekonomi", "Ekspor Kopi Robusta Lampung Naik Tajam"))).Path;
        var slug = path.Split('/')[^1];

        var response = await app.ClientFor().GetAsync($"/olahraga/2001/01/01/{slug}");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(path, response.Headers.Location!.OriginalString);
    }

    [SkippableFact]
    public async Task SyndicatedStoryNamesItsSourceAndPointsCanonicalAtTheOrigin()
    {
        var app = await shared.AppAsync();
        var original = await app.PublishStoryAsync(await shared.EditorOfAsync("solo"), app.Draft("solo", "solo-raya", "Seniman Solo Lukis Ulang Mural di Kampung Batik Laweyan"));
        var nasional = app.Services.GetRequiredService<SiteDirectory>().FindBySlug("nasional")!;
        var editor = await shared.EditorOfAsync("nasional");
        var syndicated = await app.StepAsync(w => w.SyndicateAsync(editor, original.Id, nasional.Id, nasional.FindSection("nasional")!.Id, CancellationToken.None));
        var originPath = original.Path;
        var (_, copy) = await app.ClientFor().GetPageAsync(await app.PathAsync(syndicated.ArticleId));
        var (_, origin) = await app.ClientFor("solo.localhost").GetPageAsync(originPath);

        Assert.Equal("Sumber: WartaSolo.com", copy.QuerySelector(".source").Text());
        var canonical = copy.QuerySelector("link[rel=canonical]")!.GetAttribute("href")!;
        Assert.Equal($"http://solo.localhost{originPath}", canonical);
        Assert.Equal(canonical, copy.QuerySelector(".source a")!.GetAttribute("href"));
        Assert.Equal($"http://solo.localhost{originPath}", origin.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Null(origin.QuerySelector(".source"));
    }

    [SkippableFact]
    public async Task ArticleHeadCarriesOpenGraphTwitterAndNewsArticleJsonLd()
    {
        var app = await shared.AppAsync();
        var editor = await shared.EditorOfAsync("makassar");
        var photo = await app.UploadPhotoAsync(editor, "makassar", "Pengunjung menyantap konro bakar di warung tepi jalan.", "Uji Foto / WartaMakassar");
        var story = await app.PublishStoryAsync(editor, app.Draft("makassar", "kuliner", "Konro Bakar Karebosi Ramai Diburu Wisatawan Saat Libur Sekolah")
            with { LeadMediaId = photo, WriterName = "Andi Tenri Ajeng" });
        var path = story.Path;
        var article = await app.FindAsync(story.Id);
        var (_, page) = await app.ClientFor("makassar.localhost").GetPageAsync(path);

        Assert.Equal($"{article.Headline} - WartaMakassar", page.Title);
        Assert.Equal(article.Summary, page.QuerySelector("meta[name=description]")!.GetAttribute("content"));
        Assert.Equal(article.Headline, page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.Equal("article", page.QuerySelector("meta[property='og:type']")!.GetAttribute("content"));
        Assert.StartsWith("http://makassar.localhost/media/", page.QuerySelector("meta[property='og:image']")!.GetAttribute("content"));
        Assert.Equal("summary_large_image", page.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));

        using var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var root = json.RootElement;
        Assert.Equal("NewsArticle", root.GetProperty("@type").GetString());
        Assert.Equal(article.Headline, root.GetProperty("headline").GetString());
        Assert.EndsWith("+08:00", root.GetProperty("datePublished").GetString());
        Assert.Equal(article.PublishedAt!.Value, DateTimeOffset.Parse(root.GetProperty("datePublished").GetString()!), TimeSpan.FromSeconds(1));
        Assert.Equal("Person", root.GetProperty("author")[0].GetProperty("@type").GetString());
        Assert.Equal("WartaMakassar", root.GetProperty("publisher").GetProperty("name").GetString());
        Assert.Equal("Kuliner", root.GetProperty("articleSection").GetString());
        Assert.StartsWith("http://makassar.localhost/media/", root.GetProperty("image")[0].GetString());
        Assert.EndsWith(" WITA", page.QuerySelector(".dates time").Text());
    }

    [SkippableFact]
    public async Task UnknownPagesGetAFriendlyIndonesian404()
    {
        var app = await shared.AppAsync();
        var (section, sectionPage) = await app.ClientFor().GetPageAsync("/rubrik-yang-tidak-ada");
        var (article, articlePage) = await app.ClientFor().GetPageAsync("/nasional/2026/01/01/berita-yang-tidak-ada");

        Assert.Equal(HttpStatusCode.NotFound, section.StatusCode);
        Assert.Equal("Halaman tidak ditemukan", sectionPage.QuerySelector("h1").Text());
        Assert.Equal(HttpStatusCode.NotFound, article.StatusCode);
        Assert.Equal("Halaman tidak ditemukan", articlePage.QuerySelector("h1").Text());
        Assert.Equal("noindex", articlePage.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
    }
}

public sealed class SqliteReaderPagesTests(SharedApp shared) : ReaderPagesTests(shared), IClassFixture<SharedApp>
{
    /// <summary>Breaks its store, so it has an app of its own.</summary>
    [Fact]
    public async Task AServerFaultGetsAFriendlyPageWithoutDetailsAndIsNotCached()
    {
        await using var app = await WartaApp.StartAsync();
        var editor = await app.StaffPrincipalAsync("editor@warta.test", "nasional", StaffRole.Editor);
        var path = (await app.PublishStoryAsync(editor, app.Draft("nasional", "ekonomi", "Bursa Karbon Catat Transaksi Perdana") with { Tags = ["Bursa Karbon"] })).Path;
        await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, "DROP TABLE \"ArticleTags\""));

        var (response, page) = await app.ClientFor().GetPageAsync(path);
        var again = await app.ClientFor().GetAsync(path);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Terjadi kesalahan", page.QuerySelector("h1").Text());
        Assert.DoesNotContain("ArticleTags", page.DocumentElement.OuterHtml);
        Assert.DoesNotContain("Exception", page.DocumentElement.OuterHtml);
        Assert.Null(again.Headers.Age);
    }
}

public sealed class PostgresReaderPagesTests(SharedPostgresApp shared) : ReaderPagesTests(shared), IClassFixture<SharedPostgresApp>;
