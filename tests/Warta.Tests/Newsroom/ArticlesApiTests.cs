using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Accounts;
using Warta.Network;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Newsroom;

/// <summary>The workflow through /api/v1 with personal access tokens.</summary>
public sealed class ArticlesApiTests
{
    private static object Story(string headline, string body = "<p>Isi berita.</p>") =>
        new { site = "nasional", section = "ekonomi", headline, summary = "Ringkasan.", bodyHtml = body };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task AWriterCreatesAndSubmitsAndAnEditorPublishesThroughTheApi()
    {
        await using var app = await WartaApp.StartAsync();
        var writer = await app.ApiClientAsync("penulis@warta.test", "nasional", StaffRole.Writer);
        var editor = await app.ApiClientAsync("editor@warta.test", "nasional", StaffRole.Editor);

        var created = await writer.PostAsJsonAsync("/api/v1/articles", Story("Ekspor Kopi Naik 12 Persen"));
        var id = (await JsonAsync(created)).GetProperty("id").GetInt32();
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/articles/{id}") { Content = JsonContent.Create(Story("Ekspor Kopi Naik 12 Persen", "<p>Versi kedua.</p>")) };
        put.Headers.IfMatch.Add(created.Headers.ETag!);
        var saved = await writer.SendAsync(put);
        var submitted = await writer.PostAsJsonAsync($"/api/v1/articles/{id}/submit", new { version = (await JsonAsync(saved)).GetProperty("version").GetInt32() });
        var published = await editor.PostAsJsonAsync($"/api/v1/articles/{id}/publish", new { version = (await JsonAsync(submitted)).GetProperty("version").GetInt32() });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/articles/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("submitted", (await JsonAsync(submitted)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var body = await JsonAsync(published);
        Assert.Equal("published", body.GetProperty("status").GetString());
        Assert.Equal("<p>Versi kedua.</p>", body.GetProperty("bodyHtml").GetString());
        Assert.Contains("Ekspor Kopi Naik 12 Persen", await app.ClientFor().GetStringAsync("/ekonomi"));
    }

    [Fact]
    public async Task ABodyTooLongIsRefusedBeforeParsingAndOneTooDeepIsRefusedAndNeitherIsStored()
    {
        await using var app = await WartaApp.StartAsync();
        var writer = await app.ApiClientAsync("penulis@warta.test", "nasional", StaffRole.Writer);
        var tooLong = "<p>" + new string('x', 1_000_000) + "</p>";
        var tooDeep = string.Concat(Enumerable.Repeat("<div>", 2_000)) + "Isi.";

        var longCreate = await writer.PostAsJsonAsync("/api/v1/articles", Story("Terlalu Panjang", tooLong));
        var deepCreate = await writer.PostAsJsonAsync("/api/v1/articles", Story("Terlalu Dalam", tooDeep));
        var created = await writer.PostAsJsonAsync("/api/v1/articles", Story("Berita Biasa"));
        var id = (await JsonAsync(created)).GetProperty("id").GetInt32();
        var longSave = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/articles/{id}")
            { Content = JsonContent.Create(Story("Berita Biasa", tooLong)) };
        longSave.Headers.IfMatch.Add(created.Headers.ETag!);
        var longSaved = await writer.SendAsync(longSave);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, longCreate.StatusCode);
        Assert.Equal("application/problem+json", longCreate.Content.Headers.ContentType!.MediaType);
        var problem = await JsonAsync(longCreate);
        Assert.Equal(500_000, problem.GetProperty("maxLength").GetInt32());
        Assert.Equal("Teks paling panjang 500.000 karakter; yang dikirim 1.000.007 karakter.", problem.GetProperty("errors").GetProperty("bodyHtml")[0].GetString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, longSaved.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, deepCreate.StatusCode);
        Assert.Contains("Tag bersarang lebih dari 64 tingkat", (await JsonAsync(deepCreate)).GetProperty("detail").GetString());
        Assert.Equal(0, await app.WithDbAsync(db => db.Articles.CountAsync(a => a.Headline.StartsWith("Terlalu"))));
        Assert.Equal(["<p>Isi berita.</p>"], await app.WithDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == id).Select(r => r.BodyHtml).ToListAsync()));
    }

    [Fact]
    public async Task TheApiKeepsTheSameRulesAsThePages()
    {
        await using var app = await WartaApp.StartAsync();
        var writer = await app.ApiClientAsync("penulis@warta.test", "nasional", StaffRole.Writer);
        var soloEditor = await app.ApiClientAsync("editor@solo.test", "solo", StaffRole.Editor);
        var created = await writer.PostAsJsonAsync("/api/v1/articles", Story("Harga Gula Stabil"));
        var id = (await JsonAsync(created)).GetProperty("id").GetInt32();

        var writerPublishes = await writer.PostAsJsonAsync($"/api/v1/articles/{id}/publish", new { version = 1 });
        var otherSiteReads = await soloEditor.GetAsync($"/api/v1/articles/{id}");
        var otherSiteCreates = await soloEditor.PostAsJsonAsync("/api/v1/articles", Story("Titipan"));
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/articles/{id}") { Content = JsonContent.Create(Story("Harga Gula Stabil")) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"7\""));
        var staleSave = await writer.SendAsync(stale);
        var noIfMatch = await writer.PutAsJsonAsync($"/api/v1/articles/{id}", Story("Harga Gula Stabil"));
        var badSection = await writer.PostAsJsonAsync("/api/v1/articles", new { site = "nasional", section = "tidak-ada", headline = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, writerPublishes.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherSiteReads.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherSiteCreates.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, staleSave.StatusCode);
        Assert.Equal(1, (await JsonAsync(staleSave)).GetProperty("currentVersion").GetInt32());
        Assert.Equal(HttpStatusCode.PreconditionRequired, noIfMatch.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSection.StatusCode);
        Assert.Contains("tidak-ada", await badSection.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NoTokenOrARevokedTokenIsRefused()
    {
        await using var app = await WartaApp.StartAsync();
        var writer = await app.ApiClientAsync("editor@warta.test", "nasional", StaffRole.Editor);
        var before = await writer.GetAsync("/api/v1/articles/1");
        var prefix = writer.DefaultRequestHeaders.Authorization!.Parameter![..14];

        await app.WithScopeAsync(async services => Assert.Equal(1, await services.GetRequiredService<PersonalAccessTokens>().RevokeAsync(prefix)));
        var after = await writer.GetAsync("/api/v1/articles/1");
        var anonymous = await app.ClientFor().GetAsync("/api/v1/articles/1");
        var forged = app.ClientFor();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "warta_bukan-token-sungguhan");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/articles/1")).StatusCode);
    }

    [Fact]
    public async Task ErrorsWithoutABodyOfTheirOwnAreStillProblemDetails()
    {
        await using var app = await WartaApp.StartAsync();
        var writer = await app.ApiClientAsync("penulis@warta.test", "nasional", StaffRole.Writer);

        var missing = await writer.GetAsync("/api/v1/articles/987654");
        var anonymousRead = await app.ClientFor().GetAsync("/api/v1/articles/1");
        var anonymousPost = await app.ClientFor().PostAsJsonAsync("/api/v1/articles", new { site = "nasional", section = "ekonomi", headline = "Tanpa token" });

        foreach (var (response, status) in new[] { (missing, 404), (anonymousRead, 401), (anonymousPost, 401) })
        {
            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            Assert.Equal(status, problem.GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheArticleRoutes()
    {
        await using var app = await WartaApp.StartAsync();

        var document = await JsonAsync(await app.ClientFor().GetAsync("/api/v1/openapi.json"));

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/articles", paths);
        Assert.Contains("/api/v1/articles/{id}", paths);
        Assert.Contains("/api/v1/articles/{id}/publish", paths);
    }
}
