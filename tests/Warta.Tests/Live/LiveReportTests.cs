using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Accounts;
using Warta.Live;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Live;

/// <summary>Live reports over HTTP: the page, the event stream with replay, polling, the API and its rules.</summary>
public abstract class LiveReportTests(StoreKind store)
{
    private static async Task<(HttpClient Client, string Token)> IntegratorAsync(WartaApp app, string email, string site, StaffRole role)
    {
        await app.AddStaffAsync(email, site, role);
        string token = "";
        await app.WithScopeAsync(async services =>
            token = (await services.GetRequiredService<PersonalAccessTokens>().CreateAsync(email, "uji"))!.Value.Token);
        var client = app.ClientFor();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return (client, token);
    }

    private static Task<HttpResponseMessage> PostEntryAsync(HttpClient client, string text, bool key = false) =>
        client.PostAsJsonAsync($"/api/v1/live/{DemoReport.Slug}/entries", new { bodyHtml = $"<p>{text}</p>", keyEvent = key });

    [SkippableFact]
    public async Task TheReportIsServerRenderedAsALiveBlogPostingAndPromotedOnEveryPage()
    {
        await using var app = await WartaApp.StartAsync(store);
        var (response, page) = await app.ClientFor().GetPageAsync($"/live/{DemoReport.Slug}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(22, page.QuerySelectorAll(".live-feed .live-entry").Length);
        Assert.Equal(5, page.QuerySelectorAll(".live-feed .live-entry.key-event").Length);
        Assert.NotNull(page.QuerySelector(".pinned .live-entry"));
        Assert.Matches(@"^\d{2}\.\d{2} WIB$", page.QuerySelector(".live-entry time")!.Text());
        var jsonLd = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal("LiveBlogPosting", jsonLd.GetProperty("@type").GetString());
        Assert.Equal(22, jsonLd.GetProperty("liveBlogUpdate").GetArrayLength());
        Assert.Equal("BlogPosting", jsonLd.GetProperty("liveBlogUpdate")[0].GetProperty("@type").GetString());

        var (_, home) = await app.ClientFor().GetPageAsync("/");
        Assert.Equal($"/live/{DemoReport.Slug}", home.QuerySelector(".promo a")!.GetAttribute("href"));
        Assert.Equal("LIVE", home.QuerySelector(".promo .live-badge")!.Text());
    }

    [SkippableFact]
    public async Task NewEditedAndDeletedEntriesStreamInOrderAndAReconnectReplaysWhatWasMissed()
    {
        await using var app = await WartaApp.StartAsync(store);
        var (api, _) = await IntegratorAsync(app, "reporter@warta.test", "nasional", StaffRole.Writer);
        await using var stream = await SseReader.OpenAsync(app.ClientFor(), $"/live/{DemoReport.Slug}/events");
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType!.MediaType);

        var posted = await PostEntryAsync(api, "Antrean di Gerbang Tol Cikatama tinggal 500 meter.", key: true);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var entryId = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var first = await stream.NextAsync();
        Assert.Equal((1L, "entry"), (first!.Id, first.Kind));
        var data = JsonDocument.Parse(first.Data).RootElement;
        Assert.Contains("Antrean di Gerbang Tol Cikatama tinggal 500 meter.", data.GetProperty("html").GetString());
        Assert.True(data.GetProperty("key").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/live/{DemoReport.Slug}/entries/{entryId}", new { bodyHtml = "<p>Antrean tinggal 300 meter.</p>" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/live/{DemoReport.Slug}/entries/{entryId}")).StatusCode);
        var edit = await stream.NextAsync();
        var delete = await stream.NextAsync();
        Assert.Equal((2L, "edit"), (edit!.Id, edit.Kind));
        Assert.Contains("300 meter", edit.Data);
        Assert.Equal((3L, "delete"), (delete!.Id, delete.Kind));

        // A reader who saw only event 1 reconnects with Last-Event-ID and gets 2 and 3, then what is new.
        await using var again = await SseReader.OpenAsync(app.ClientFor(), $"/live/{DemoReport.Slug}/events", lastEventId: 1);
        Assert.Equal(2L, (await again.NextAsync())!.Id);
        Assert.Equal(3L, (await again.NextAsync())!.Id);
        await PostEntryAsync(api, "Rest area KM 57 dibuka kembali.");
        Assert.Equal((4L, "entry"), ((await again.NextAsync())!.Id, "entry"));

        // The polling fallback says the same, and may be cached briefly.
        var poll = await app.ClientFor().GetAsync($"/live/{DemoReport.Slug}/events.json?since=2");
        Assert.Equal("public, max-age=2", poll.Headers.CacheControl!.ToString());
        var polled = await poll.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([3L, 4L], polled.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(4, polled.GetProperty("lastSequence").GetInt64());
    }

    [SkippableFact]
    public async Task ConcurrentPostsGetEverySequenceNumberOnceWithoutGaps()
    {
        await using var app = await WartaApp.StartAsync(store);
        var (api, _) = await IntegratorAsync(app, "reporter@warta.test", "nasional", StaffRole.Writer);

        var responses = await Task.WhenAll(Enumerable.Range(1, 24).Select(i => PostEntryAsync(api, $"Update nomor {i}.")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var sequences = await app.WithDbAsync(db => db.LiveEvents.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 24).Select(i => (long)i), sequences);
        Assert.Equal(24, await app.WithDbAsync(db => db.LiveReports.Select(r => r.LastSequence).SingleAsync()));
    }

    [SkippableFact]
    public async Task ALongAbsenceAsksThePageToReloadInsteadOfReplayingEverything()
    {
        await using var app = await WartaApp.StartAsync(store);
        var principal = await app.StaffPrincipalAsync("editor@warta.test", "nasional", StaffRole.Editor);
        await app.WithScopeAsync(async services =>
        {
            var desk = services.GetRequiredService<LiveDesk>();
            var report = await DemoReport.FindAsync(services);
            for (var i = 0; i <= LiveQueries.MaxReplay; i++)
                Assert.True((await desk.PinAsync(principal, report!.Id, null, default)).Succeeded);
        });

        await using var stream = await SseReader.OpenAsync(app.ClientFor(), $"/live/{DemoReport.Slug}/events", lastEventId: 0);
        Assert.Equal("reload", (await stream.NextAsync())!.Kind);
    }

    [SkippableFact]
    public async Task OnlyTheSitesStaffPostAndOnlyEditorsOrThePosterChangeAnEntry()
    {
        await using var app = await WartaApp.StartAsync(store);
        var (writer, _) = await IntegratorAsync(app, "penulis@warta.test", "nasional", StaffRole.Writer);
        var (colleague, _) = await IntegratorAsync(app, "rekan@warta.test", "nasional", StaffRole.Writer);
        var (editor, _) = await IntegratorAsync(app, "editor@warta.test", "nasional", StaffRole.Editor);
        var (stranger, strangerToken) = await IntegratorAsync(app, "solo@warta.test", "solo", StaffRole.Editor);

        var posted = await PostEntryAsync(writer, "Entri penulis.");
        var entry = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Forbidden, (await PostEntryAsync(stranger, "Dari situs lain.")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.PutAsJsonAsync($"/api/v1/live/{DemoReport.Slug}/entries/{entry}", new { bodyHtml = "<p>Diubah rekan.</p>" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.DeleteAsync($"/api/v1/live/{DemoReport.Slug}/entries/{entry}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.PutAsJsonAsync($"/api/v1/live/{DemoReport.Slug}/entries/{entry}", new { bodyHtml = "<p>Diperbaiki editor.</p><script>alert(1)</script>" })).StatusCode);
        Assert.Equal("<p>Diperbaiki editor.</p>", await app.WithDbAsync(db => db.LiveEntries.Where(e => e.Id == entry).Select(e => e.BodyHtml).SingleAsync()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await writer.PostAsJsonAsync($"/api/v1/live/{DemoReport.Slug}/entries", new { bodyHtml = "<p> </p>" })).StatusCode);

        await app.WithScopeAsync(services => services.GetRequiredService<PersonalAccessTokens>().RevokeAsync(strangerToken[..14]));
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostEntryAsync(stranger, "Token dicabut.")).StatusCode);
        var anonymous = await app.ClientFor().PostAsJsonAsync($"/api/v1/live/{DemoReport.Slug}/entries", new { bodyHtml = "<p>Tanpa token.</p>" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.LiveEvents.CountAsync(e => e.Kind == LiveEventKinds.Entry)));
    }

    [SkippableFact]
    public async Task AnEntryTooLongOrTooDeeplyNestedIsRefusedWithTheLimitAndNothingIsPosted()
    {
        await using var app = await WartaApp.StartAsync(store);
        var (writer, _) = await IntegratorAsync(app, "penulis@warta.test", "nasional", StaffRole.Writer);
        var posted = await PostEntryAsync(writer, "Entri biasa.");
        var entry = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var nested = string.Concat(Enumerable.Repeat("<div>", 200_000));

        var tooLong = await writer.PostAsJsonAsync($"/api/v1/live/{DemoReport.Slug}/entries", new { bodyHtml = nested });
        var tooLongEdit = await writer.PutAsJsonAsync($"/api/v1/live/{DemoReport.Slug}/entries/{entry}", new { bodyHtml = nested });
        var tooDeep = await writer.PostAsJsonAsync($"/api/v1/live/{DemoReport.Slug}/entries", new { bodyHtml = string.Concat(Enumerable.Repeat("<div>", 2_000)) + "Isi." });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Equal("Entri ditolak: Teks paling panjang 20.000 karakter; yang dikirim 1.000.000 karakter.",
            (await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLongEdit.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooDeep.StatusCode);
        Assert.StartsWith("Entri ditolak: Tag bersarang lebih dari 64 tingkat", (await tooDeep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(1, await app.WithDbAsync(db => db.LiveEvents.CountAsync(e => e.Kind == LiveEventKinds.Entry || e.Kind == LiveEventKinds.Edit)));
        Assert.Equal("<p>Entri biasa.</p>", await app.WithDbAsync(db => db.LiveEntries.Where(e => e.Id == entry).Select(e => e.BodyHtml).SingleAsync()));
    }
}

public sealed class SqliteLiveReportTests() : LiveReportTests(StoreKind.Sqlite);

public sealed class PostgresLiveReportTests() : LiveReportTests(StoreKind.Postgres);
