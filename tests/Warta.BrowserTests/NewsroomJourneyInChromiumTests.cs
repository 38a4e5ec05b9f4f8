using System.Diagnostics;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SkiaSharp;
using Warta.Accounts;
using Warta.Content;
using Warta.Network;
using Warta.Tests.Infrastructure;

namespace Warta.BrowserTests;

/// <summary>
/// The newsroom's whole journey in Chromium: a writer writes a story with a photo, a "Baca juga" link
/// and a page break; an editor returns it once, then schedules it; at its time it is on the site.
/// </summary>
public sealed class NewsroomJourneyInChromiumTests : ChromiumTest
{
    private const string Headline = "Pasar Gede Buka Sampai Malam Selama Libur Akhir Tahun";

    [SkippableFact]
    public async Task AWriterAndAnEditorTakeAStoryFromDraftToScheduledToThePublicSite()
    {
        await AddStaffAsync("rica@warta.test", StaffRole.Writer, "Rica Agustina");
        await AddStaffAsync("tiara@warta.test", StaffRole.Editor, "Tiara Shelavie");
        await App.PublishAsync("nasional", "ekonomi", "Harga Beras Medium Naik di Pasar Induk");
        var writer = await SignInAsync("rica@warta.test");
        var editor = await SignInAsync("tiara@warta.test");

        // The writer writes: headline, summary, tags, body with a page break and a "Baca juga" link.
        await writer.GetByRole(AriaRole.Link, new() { Name = "Tulis berita" }).ClickAsync();
        await writer.GetByLabel("Judul").FillAsync(Headline);
        await writer.GetByLabel("Ringkasan").FillAsync("Pedagang menyambut libur dengan jam buka lebih panjang.");
        await writer.GetByLabel("Rubrik").SelectOptionAsync(new SelectOptionValue { Label = "Ekonomi" });
        await writer.GetByLabel("Tag (pisahkan dengan koma", new() { Exact = false }).FillAsync("Libur Akhir Tahun, Pasar Tradisional");
        var body = writer.GetByRole(AriaRole.Textbox, new() { Name = "Isi berita" });
        await body.ClickAsync();
        await writer.Keyboard.TypeAsync("Pasar Gede akan buka sampai pukul 21.00 selama libur.");
        await writer.GetByRole(AriaRole.Button, new() { Name = "Pemisah halaman" }).ClickAsync();
        await writer.Keyboard.TypeAsync("Pedagang buah menyiapkan stok tambahan.");
        await writer.Keyboard.PressAsync("Enter");
        await writer.GetByRole(AriaRole.Button, new() { Name = "Baca juga" }).ClickAsync();
        await writer.GetByLabel("Cari berita untuk \"Baca juga\"").PressSequentiallyAsync("beras");
        await writer.GetByRole(AriaRole.Button, new() { Name = "Harga Beras Medium Naik di Pasar Induk" }).ClickAsync();
        await writer.GetByRole(AriaRole.Button, new() { Name = "Buat draf" }).ClickAsync();
        await writer.WaitForURLAsync(new Regex(@"/redaksi/berita/\d+$"));
        var storyUrl = new Uri(writer.Url).AbsolutePath;
        var id = int.Parse(storyUrl.Split('/')[^1]);

        // The photo is uploaded from the story page and becomes its lead photo.
        await writer.Locator("#photo-file").SetInputFilesAsync(new FilePayload { Name = "pasar-gede.jpg", MimeType = "image/jpeg", Buffer = Photo() });
        await writer.GetByLabel("Keterangan foto").FillAsync("Suasana Pasar Gede Solo pada malam hari.");
        await writer.GetByLabel("Kredit", new() { Exact = true }).FillAsync("WARTANASIONAL.COM/Dimas Prasetyo");
        await writer.GetByLabel("Teks alternatif").FillAsync("Lorong pasar dengan lampu menyala dan pengunjung");
        await writer.GetByRole(AriaRole.Button, new() { Name = "Unggah dan pakai" }).ClickAsync();
        await Assertions.Expect(writer.Locator(".upload-status")).ToContainTextAsync("Foto diunggah");
        await Assertions.Expect(writer.Locator("#autosave-status")).ToContainTextAsync("Tersimpan otomatis", new() { Timeout = 10_000 });
        await Browser.ScreenshotAsync(writer, "redaksi-tulis-berita-desktop");
        await AssertAccessibleAsync(writer);
        await writer.GetByRole(AriaRole.Button, new() { Name = "Ajukan ke editor" }).ClickAsync();
        await Assertions.Expect(writer.Locator(".status strong")).ToHaveTextAsync("Menunggu editor");

        // The editor sends it back once, with a comment.
        await editor.GotoAsync(storyUrl);
        await editor.GetByLabel("Catatan untuk penulis").FillAsync("Tambahkan jam buka hari biasa.");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Kembalikan ke penulis" }).ClickAsync();
        await Assertions.Expect(editor.Locator(".status strong")).ToHaveTextAsync("Draf");

        // The writer reads the note, adds the sentence, submits again.
        await writer.GotoAsync(storyUrl);
        await Assertions.Expect(writer.Locator(".note")).ToContainTextAsync("Tambahkan jam buka hari biasa.");
        await writer.GetByRole(AriaRole.Textbox, new() { Name = "Isi berita" }).Locator("p").First.ClickAsync();
        await writer.Keyboard.PressAsync("End");
        await writer.Keyboard.TypeAsync(" Pada hari biasa pasar tutup pukul 17.00.");
        await writer.GetByRole(AriaRole.Button, new() { Name = "Ajukan ke editor" }).ClickAsync();
        await Assertions.Expect(writer.Locator(".status strong")).ToHaveTextAsync("Menunggu editor");

        // The editor compares with the first revision, then schedules it a few seconds ahead (WIB).
        await editor.GotoAsync($"{storyUrl}/revisi/1");
        await Assertions.Expect(editor.Locator("td.modified ins, td.inserted").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(editor, "redaksi-revisi-desktop");
        await AssertAccessibleAsync(editor);
        // Readers' pages are cached before the schedule is set, so the publish itself must evict them.
        using var reader = new HttpClient { BaseAddress = App.Address };
        foreach (var path in new[] { "/", "/ekonomi", "/tag/libur-akhir-tahun" })
            Assert.DoesNotContain(Headline, await reader.GetStringAsync(path));
        await editor.GotoAsync(storyUrl);
        var now = DateTimeOffset.UtcNow;
        var publishAt = now.AddSeconds(5).AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)); // the field holds whole seconds
        await editor.GetByLabel("Jadwal terbit", new() { Exact = false }).FillAsync(publishAt.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-ddTHH:mm:ss"));
        await editor.GetByRole(AriaRole.Button, new() { Name = "Terbitkan" }).ClickAsync();
        await Assertions.Expect(editor.Locator(".status strong")).ToHaveTextAsync("Terjadwal");
        await Assertions.Expect(editor.Locator("p.ok")).ToHaveTextAsync("Dijadwalkan.");
        await Browser.ScreenshotAsync(editor, "redaksi-terjadwal-desktop");

        // At its time the story is on the home, section and tag pages, each evicted from the cache.
        var seenAt = new Dictionary<string, DateTimeOffset>();
        var clock = Stopwatch.StartNew();
        while (seenAt.Count < 3 && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            foreach (var path in new[] { "/", "/ekonomi", "/tag/libur-akhir-tahun" }.Where(p => !seenAt.ContainsKey(p)))
                if ((await reader.GetStringAsync(path)).Contains(Headline)) seenAt[path] = DateTimeOffset.UtcNow;
            await Task.Delay(50);
        }
        Assert.Equal(3, seenAt.Count);
        var published = await App.WithDbAsync(db => db.ArticleChanges.Where(c => c.ArticleId == id && c.Kind == ChangeKinds.Published).Select(c => c.At).SingleAsync());
        Assert.True(published >= publishAt, $"published at {published:O}, scheduled for {publishAt:O}");
        var slowest = seenAt.Values.Max() - published;
        Assert.True(slowest <= TimeSpan.FromSeconds(1), $"visible {slowest.TotalMilliseconds:0} ms after the publish");

        var stored = await App.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.BodyHtml).SingleAsync());
        Assert.Matches(@"^<p>Pasar Gede .*Pada hari biasa pasar tutup pukul 17\.00\.</p><hr class=""page-break""><p>Pedagang buah menyiapkan stok tambahan\.</p><p class=""baca-juga"">Baca juga: <a href=""/ekonomi/[0-9/]+/harga-beras-medium-naik-di-pasar-induk"">Harga Beras Medium Naik di Pasar Induk</a></p>", stored);

        // The reader's page has it all: photo, "Baca juga", two pages, bylines.
        var article = await Browser.OpenAsync(App.Address!, Browser.Desktop);
        await article.GotoAsync("/");
        await article.GetByRole(AriaRole.Link, new() { Name = Headline }).First.ClickAsync();
        await Assertions.Expect(article.Locator("h1.headline")).ToHaveTextAsync(Headline);
        await Assertions.Expect(article.Locator(".lead-photo figcaption")).ToContainTextAsync("Suasana Pasar Gede Solo pada malam hari.");
        Assert.Equal(["Penulis: Rica Agustina", "Editor: Tiara Shelavie"], (await article.Locator(".byline").AllInnerTextsAsync()).Select(t => t.Trim()));
        // The uploaded photo really decodes in the browser, in the rendition the page asks for.
        await article.WaitForFunctionAsync("() => { const img = document.querySelector('.lead-photo img'); return img && img.complete && img.naturalWidth > 0; }");
        await Browser.ScreenshotAsync(article, "pembaca-berita-dari-redaksi-desktop");
        await article.Locator("nav.article-pages").GetByRole(AriaRole.Link, new() { Name = "2", Exact = true }).ClickAsync();
        await Assertions.Expect(article.Locator("p.baca-juga a")).ToHaveTextAsync("Harga Beras Medium Naik di Pasar Induk");
    }

    [SkippableFact]
    public async Task EveryNewsroomPageIsScreenshottedAndPassesAxe()
    {
        await AddStaffAsync("admin@warta.test", StaffRole.NetworkAdmin, "Admin Jaringan");
        var admin = await SignInAsync("admin@warta.test");
        var story = await App.WithDbAsync(db => db.Articles.Where(a => a.Status == ArticleStatus.Published).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
        foreach (var (path, name) in new[]
        {
            ("/redaksi/media?situs=nasional", "redaksi-foto"),
            ("/redaksi/sindikasi?situs=solo", "redaksi-sindikasi"),
            ("/redaksi/audit", "redaksi-audit"),
            ($"/redaksi/berita/{story}", "redaksi-sunting-terbit"),
        })
        {
            var response = await admin.GotoAsync(path);
            Assert.True(response!.Ok, $"{path}: {response.Status}");
            await Browser.ScreenshotAsync(admin, $"{name}-desktop");
            await AssertAccessibleAsync(admin);
        }
    }

    private async Task AddStaffAsync(string email, StaffRole role, string name)
    {
        using var scope = App.Services.CreateScope();
        var site = role == StaffRole.NetworkAdmin ? null : scope.ServiceProvider.GetRequiredService<SiteDirectory>().FindBySlug("nasional");
        var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().AddAsync(email, "kopi tubruk pagi hari", site, role, name);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
    }

    private async Task<IPage> SignInAsync(string email)
    {
        var page = await Browser.OpenAsync(App.Address!, Browser.Desktop);
        await Browser.SignInAsync(page, email, "kopi tubruk pagi hari");
        return page;
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var problems = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html).Take(3))})").ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static byte[] Photo()
    {
        using var bitmap = new SKBitmap(1600, 1000);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(30, 30, 60));
            using var paint = new SKPaint { Color = new SKColor(250, 200, 80) };
            for (var i = 0; i < 12; i++) canvas.DrawCircle(120 + i * 120, 300 + (i % 3) * 150, 50, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Jpeg, 85).ToArray();
    }
}
