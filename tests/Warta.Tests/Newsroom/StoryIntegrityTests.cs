using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Publishing;
using Warta.Accounts;
using Warta.Content;
using Warta.Network;
using Warta.Newsroom;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Newsroom;

/// <summary>
/// Nothing an editor wrote is lost or changed by a request that did not mean to: a save changes only
/// the fields it sends, and a bad schedule, an overlong or binary field is refused with the reason and
/// nothing stored.
/// </summary>
public sealed class StoryIntegrityTests
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static HttpRequestMessage Put(int id, int version, object body)
    {
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/articles/{id}") { Content = JsonContent.Create(body) };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return put;
    }

    [Fact]
    public async Task APartialPutChangesOnlyTheFieldsItSends()
    {
        await using var app = await WartaApp.StartAsync();
        var editor = await app.ApiClientAsync("editor@warta.test", "nasional", StaffRole.Editor);
        var created = await JsonAsync(await editor.PostAsJsonAsync("/api/v1/articles", new
        {
            site = "nasional", section = "ekonomi", headline = "Harga Telur Naik Lagi", summary = "Ringkasan yang harus tetap ada.",
            bodyHtml = "<p>Paragraf yang harus tetap ada.</p>", dateline = "JAKARTA, WARTANASIONAL.COM", tags = new[] { "Harga Pangan" }, writer = "Sekar Ayu",
        }));
        var id = created.GetProperty("id").GetInt32();
        var published = await JsonAsync(await editor.PostAsJsonAsync($"/api/v1/articles/{id}/publish", new { version = created.GetProperty("version").GetInt32() }));

        var saved = await editor.SendAsync(Put(id, published.GetProperty("version").GetInt32(), new { headline = "Harga Telur Naik Lagi di Pasar Induk" }));
        var headlineOnly = await JsonAsync(saved);
        var cleared = await JsonAsync(await editor.SendAsync(Put(id, headlineOnly.GetProperty("version").GetInt32(), new { dateline = "" })));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("Harga Telur Naik Lagi di Pasar Induk", headlineOnly.GetProperty("headline").GetString());
        Assert.Equal("Ringkasan yang harus tetap ada.", headlineOnly.GetProperty("summary").GetString());
        Assert.Equal("<p>Paragraf yang harus tetap ada.</p>", headlineOnly.GetProperty("bodyHtml").GetString());
        Assert.Equal("JAKARTA, WARTANASIONAL.COM", headlineOnly.GetProperty("dateline").GetString());
        Assert.Equal("ekonomi", headlineOnly.GetProperty("section").GetString());
        var stored = await app.WithDbAsync(db => db.Articles.AsNoTracking().Include(a => a.Tags).Include(a => a.Writer).SingleAsync(a => a.Id == id));
        Assert.Single(stored.Tags);
        Assert.Equal("Sekar Ayu", stored.Writer!.Name);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("dateline").ValueKind);
        Assert.Equal("Ringkasan yang harus tetap ada.", cleared.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task AStoryFormThatLeavesAFieldOutKeepsItAndOneSentEmptyClearsIt()
    {
        await using var app = await WartaApp.StartAsync();
        var editor = await app.SignedInAsync("editor@warta.test", "nasional", StaffRole.Editor);
        var (_, blank) = await editor.GetPageAsync("/redaksi/berita?situs=nasional");
        var (created, _) = await editor.PostFormAsync(blank, "/redaksi/berita?handler=Create&situs=nasional", new()
        {
            ["Headline"] = "Banjir Rob di Pesisir Utara", ["Summary"] = "Air laut naik.", ["Dateline"] = "SEMARANG", ["Tags"] = "Banjir",
            ["BodyHtml"] = "<p>Isi.</p>",
        });
        var url = created.Headers.Location!.OriginalString;
        var (_, page) = await editor.GetPageAsync(url);
        var token = page.QuerySelector("form.editor input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var onlyHeadline = await editor.PostAsync($"{url}?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Headline"] = "Banjir Rob Meluas di Pesisir Utara", ["Version"] = "1", ["__RequestVerificationToken"] = token,
        }));
        var id = int.Parse(url.Split('/')[^1]);
        var afterPartial = await app.WithDbAsync(db => db.Articles.AsNoTracking().Include(a => a.Tags).SingleAsync(a => a.Id == id));
        var emptySummary = await editor.PostAsync($"{url}?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Summary"] = "", ["Version"] = "2", ["__RequestVerificationToken"] = token,
        }));
        var afterEmpty = await app.WithDbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == afterPartial.Id));

        Assert.Equal(HttpStatusCode.OK, onlyHeadline.StatusCode);
        Assert.Equal(("Banjir Rob Meluas di Pesisir Utara", "Air laut naik.", "SEMARANG", "<p>Isi.</p>", 1),
            (afterPartial.Headline, afterPartial.Summary, afterPartial.Dateline, afterPartial.BodyHtml, afterPartial.Tags.Count));
        Assert.Equal(HttpStatusCode.OK, emptySummary.StatusCode);
        Assert.Equal(("", "Banjir Rob Meluas di Pesisir Utara", "SEMARANG"), (afterEmpty.Summary, afterEmpty.Headline, afterEmpty.Dateline));
    }

    public static TheoryData<string, string> OverlongOrBinaryFields => new()
    {
        { "dateline", new string('J', 100_000) },
        { "writer", new string('S', 100_000) },
        { "editor", new string('E', 201) },
        { "headline", "Judul dengan\0NUL" },
        { "summary", "Ringkasan\u0007berbunyi" },
        { "dateline", "JAKARTA\u0000" },
    };

    [Theory]
    [MemberData(nameof(OverlongOrBinaryFields))]
    public async Task AnOverlongOrBinaryFieldIsRefusedByNameAndNothingIsStored(string field, string value)
    {
        await using var app = await WartaApp.StartAsync();
        var writer = await app.ApiClientAsync("penulis@warta.test", "nasional", StaffRole.Writer);
        var story = new Dictionary<string, object> { ["site"] = "nasional", ["section"] = "ekonomi", ["headline"] = "Judul yang sah", ["bodyHtml"] = "<p>Isi.</p>" };
        story[field] = value;
        var before = await app.WithDbAsync(db => db.Articles.CountAsync());

        var response = await writer.PostAsJsonAsync("/api/v1/articles", story);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var detail = (await JsonAsync(response)).GetProperty("detail").GetString()!;
        Assert.Contains(field switch { "dateline" => "Dateline", "writer" => "Nama penulis", "editor" => "Nama editor", "headline" => "Judul", _ => "Ringkasan" }, detail);
        Assert.Equal(before, await app.WithDbAsync(db => db.Articles.CountAsync()));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("2026-13-45T99:99")]
    [InlineData("0001-01-01T00:00")]
    [InlineData("9999-12-31T23:59")]
    [InlineData("2020-01-01T08:00")]
    [InlineData("17/08/2027 14:05")]
    public async Task ABadScheduleFromTheStoryPageIsRefusedAndNothingChanges(string publishAt)
    {
        await using var app = await WartaApp.StartAsync();
        var editor = await app.SignedInAsync("editor@warta.test", "nasional", StaffRole.Editor);
        var (_, blank) = await editor.GetPageAsync("/redaksi/berita?situs=nasional");
        var (created, _) = await editor.PostFormAsync(blank, "/redaksi/berita?handler=Create&situs=nasional", new() { ["Headline"] = "Jadwal Kereta Mudik", ["BodyHtml"] = "<p>Isi.</p>" });
        var url = created.Headers.Location!.OriginalString;
        var (_, page) = await editor.GetPageAsync(url);
        var before = await StoreSnapshot.TakeAsync(app);

        var (response, answer) = await editor.PostFormAsync(page, $"{url}?handler=Publish", new() { ["PublishAt"] = publishAt, ["Headline"] = "Judul yang diketik" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Waktu terbit", answer.QuerySelector("p.error")?.TextContent);
        Assert.Equal("Judul yang diketik", answer.QuerySelector("input[name=Headline]")!.GetAttribute("value"));
        Assert.Equal("", (await StoreSnapshot.TakeAsync(app)).DifferenceFrom(before));
    }

    [Fact]
    public async Task ThroughTheApiAScheduleInThePastOrYearsAheadIsRefused()
    {
        await using var app = await WartaApp.StartAsync();
        var editor = await app.ApiClientAsync("editor@warta.test", "nasional", StaffRole.Editor);
        var created = await JsonAsync(await editor.PostAsJsonAsync("/api/v1/articles", new { site = "nasional", section = "ekonomi", headline = "Jadwal Sidang" }));
        var id = created.GetProperty("id").GetInt32();
        var before = await StoreSnapshot.TakeAsync(app);

        var past = await editor.PostAsJsonAsync($"/api/v1/articles/{id}/publish", new { version = 1, publishAt = "2001-01-01T00:00:00+07:00" });
        var farAhead = await editor.PostAsJsonAsync($"/api/v1/articles/{id}/publish", new { version = 1, publishAt = DateTimeOffset.UtcNow.AddYears(3) });
        var unreadable = await editor.PostAsJsonAsync($"/api/v1/articles/{id}/publish", new { version = 1, publishAt = "besok pagi" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
        Assert.Contains("sudah lewat", (await JsonAsync(past)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, farAhead.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Equal("", (await StoreSnapshot.TakeAsync(app)).DifferenceFrom(before));
    }

    public static TheoryData<string?, string?> Schedules => new()
    {
        { null, null },
        { "", null },
        { "2027-08-17T14:05", "2027-08-17T07:05:00.0000000Z" },
        { "2027-08-17T14:05:30", "2027-08-17T07:05:30.0000000Z" },
        { "2027-08-17 14:05", "error" },
        { "2027-02-30T10:00", "error" },
        { "0001-01-01T00:00", "error" },
        { "2026-12-03T11:00", "error" },
        { "2028-12-03T11:00", "error" },
    };

    [Theory]
    [MemberData(nameof(Schedules))]
    public void AScheduleTypedInTheSitesZoneIsReadStrictly(string? typed, string? expected)
    {
        var now = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

        var parsed = Schedule.Parse(typed, IndonesianTimeZone.Wib, now);

        var outcome = parsed.Error is not null ? "error" : parsed.At?.UtcDateTime.ToString("O");
        Assert.Equal(expected, outcome);
    }

    [Fact]
    public async Task AnotherDesksStoryIsNotThereNotEvenItsSite()
    {
        await using var app = await WartaApp.StartAsync();
        var soloWriter = await app.ApiClientAsync("penulis@solo.test", "solo", StaffRole.Writer);
        var writer = await app.ApiClientAsync("penulis@warta.test", "nasional", StaffRole.Writer);
        var colleague = await app.ApiClientAsync("rekan@warta.test", "nasional", StaffRole.Writer);
        var created = await JsonAsync(await writer.PostAsJsonAsync("/api/v1/articles", new { site = "nasional", section = "ekonomi", headline = "Draf Milik Penulis Lain" }));
        var id = created.GetProperty("id").GetInt32();

        var crossSiteRead = await soloWriter.GetAsync($"/api/v1/articles/{id}");
        var missingRead = await soloWriter.GetAsync("/api/v1/articles/987654");
        var crossSiteSave = await soloWriter.SendAsync(Put(id, 1, new { section = "tidak-ada", headline = "x" }));
        var colleagueRead = await colleague.GetAsync($"/api/v1/articles/{id}");

        Assert.Equal(HttpStatusCode.NotFound, crossSiteRead.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingRead.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, crossSiteSave.StatusCode);
        Assert.DoesNotContain("nasional", await crossSiteSave.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, colleagueRead.StatusCode);
    }

    [Fact]
    public async Task AWriterCannotOpenOrPreviewAColleaguesDraft()
    {
        await using var app = await WartaApp.StartAsync();
        var author = await app.SignedInAsync("penulis@warta.test", "nasional", StaffRole.Writer);
        var colleague = await app.SignedInAsync("rekan@warta.test", "nasional", StaffRole.Writer);
        var (_, blank) = await author.GetPageAsync("/redaksi/berita?situs=nasional");
        var (created, _) = await author.PostFormAsync(blank, "/redaksi/berita?handler=Create&situs=nasional", new() { ["Headline"] = "Draf Pribadi", ["BodyHtml"] = "<p>Belum siap.</p>" });
        var url = created.Headers.Location!.OriginalString;

        var open = await colleague.GetAsync(url);
        var preview = await colleague.GetAsync($"{url}?handler=Pratinjau");
        var ownPreview = await author.GetAsync($"{url}?handler=Pratinjau");

        Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        Assert.DoesNotContain("Belum siap", await open.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, preview.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, ownPreview.StatusCode);
        Assert.Contains("/pratinjau/", ownPreview.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AnApiRequestOverTheSizeLimitIsRefusedUnread()
    {
        await using var app = await WartaApp.StartServerAsync();
        await app.AddStaffAsync("penulis@warta.test", "nasional", StaffRole.Writer);
        // Over real Kestrel: the in-process test server does not enforce request size limits. The
        // padding is a field the API ignores, so only the size limit can refuse this request.
        using var client = new HttpClient { BaseAddress = app.Address };
        client.DefaultRequestHeaders.Authorization = (await app.TokenClientAsync("penulis@warta.test")).DefaultRequestHeaders.Authorization;
        // As curl sends a large body: the answer comes before the body is sent, so it can be read.
        client.DefaultRequestHeaders.ExpectContinue = true;
        var huge = new string('a', (int)ArticlesApi.MaxRequestBytes + 1024);
        var before = await app.WithDbAsync(db => db.Articles.CountAsync());

        var response = await client.PostAsync("/api/v1/articles", new StringContent(
            $"{{\"site\":\"nasional\",\"section\":\"ekonomi\",\"headline\":\"Terlalu besar\",\"catatanLain\":\"{huge}\"}}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.Articles.CountAsync()));
    }
}
