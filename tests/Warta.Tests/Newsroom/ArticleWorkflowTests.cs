using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Warta.Publishing;
using Warta.Accounts;
using Warta.Content;
using Warta.Network;
using Warta.Newsroom;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Newsroom;

/// <summary>The publishing workflow and its rules, on each store.</summary>
public abstract class ArticleWorkflowTests(StoreKind store)
{
    private static async Task<WorkflowResult> RunAsync(WartaApp app, Func<ArticleWorkflow, Task<WorkflowResult>> step)
    {
        WorkflowResult? result = null;
        await app.WithScopeAsync(async services => result = await step(services.GetRequiredService<ArticleWorkflow>()));
        return result!;
    }

    private static ArticleDraft Draft(WartaApp app, string headline, string body = "<p>Paragraf pertama.</p><p>Paragraf kedua.</p>", string section = "ekonomi") =>
        new(headline, $"Ringkasan {headline}", app.Services.GetRequiredService<SiteDirectory>().FindBySlug("nasional")!.FindSection(section)!.Id, body);

    private static int Nasional(WartaApp app) => app.Services.GetRequiredService<SiteDirectory>().FindBySlug("nasional")!.Id;

    [SkippableFact]
    public async Task AStoryGoesFromDraftToEditorBackToTheWriterAndOutToReaders()
    {
        await using var app = await WartaApp.StartAsync(store);
        var writer = await app.StaffPrincipalAsync("penulis@warta.test", "nasional", StaffRole.Writer);
        var editor = await app.StaffPrincipalAsync("editor@warta.test", "nasional", StaffRole.Editor);

        var created = await RunAsync(app, w => w.CreateAsync(writer, Nasional(app), Draft(app, "Inflasi November Turun ke 2,1 Persen")));
        var submitted = await RunAsync(app, w => w.SubmitAsync(writer, created.ArticleId, created.Version));
        var returned = await RunAsync(app, w => w.ReturnAsync(editor, created.ArticleId, submitted.Version, "Tambahkan data BPS per provinsi."));
        var saved = await RunAsync(app, w => w.SaveAsync(writer, created.ArticleId, returned.Version,
            Draft(app, "Inflasi November Turun ke 2,1 Persen", "<p>Paragraf pertama.</p><p>Data BPS per provinsi.</p>")));
        var resubmitted = await RunAsync(app, w => w.SubmitAsync(writer, created.ArticleId, saved.Version));
        var article = await app.WithDbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == created.ArticleId));
        var path = Warta.Content.ArticleUrls.Path("ekonomi", DateTimeOffset.UtcNow, article.Slug, IndonesianTimeZone.Wib);
        var beforePublish = await app.ClientFor().GetAsync(path);
        var published = await RunAsync(app, w => w.PublishAsync(editor, created.ArticleId, resubmitted.Version));

        Assert.All(new[] { created, submitted, returned, saved, resubmitted, published }, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(HttpStatusCode.NotFound, beforePublish.StatusCode);
        var (response, page) = await app.ClientFor().GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Data BPS per provinsi.", page.QuerySelectorAll(".body p").Last().Text());
        Assert.Contains(path, await app.ClientFor().GetStringAsync("/ekonomi"));
        var revisions = await app.WithDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == created.ArticleId).OrderBy(r => r.Number).ToListAsync());
        Assert.Equal(["save", "submit", "return", "save", "submit", "publish"], revisions.Select(r => r.Kind));
        Assert.Equal("Tambahkan data BPS per provinsi.", revisions[2].Comment);
    }

    [SkippableFact]
    public async Task WritersCannotReturnPublishOrTouchOthersStories()
    {
        await using var app = await WartaApp.StartAsync(store);
        var writer = await app.StaffPrincipalAsync("penulis@warta.test", "nasional", StaffRole.Writer);
        var otherWriter = await app.StaffPrincipalAsync("penulis2@warta.test", "nasional", StaffRole.Writer);
        var created = await RunAsync(app, w => w.CreateAsync(writer, Nasional(app), Draft(app, "Harga Emas Antam Naik Lagi")));

        var publish = await RunAsync(app, w => w.PublishAsync(writer, created.ArticleId, created.Version));
        var returnIt = await RunAsync(app, w => w.ReturnAsync(writer, created.ArticleId, created.Version, "tidak"));
        var othersEdit = await RunAsync(app, w => w.SaveAsync(otherWriter, created.ArticleId, created.Version, Draft(app, "Diambil alih")));
        var demoEdit = await RunAsync(app, async w =>
        {
            var demo = await app.FindAsync("demo-harga-cabai-rawit-tembus-95-ribu");
            return await w.SaveAsync(writer, demo.Id, demo.Version, Draft(app, "Diubah penulis"));
        });

        Assert.Equal(StepOutcome.Forbidden, publish.Outcome);
        Assert.Equal(StepOutcome.Forbidden, returnIt.Outcome);
        // Stories a writer may not open are not there for them at all.
        Assert.Equal(StepOutcome.NotFound, othersEdit.Outcome);
        Assert.Equal(StepOutcome.NotFound, demoEdit.Outcome);
        Assert.Equal(ArticleStatus.Draft, (await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Id == created.ArticleId))).Status);
    }

    [SkippableFact]
    public async Task AnEditorOfOneSiteCannotTouchAnother()
    {
        await using var app = await WartaApp.StartAsync(store);
        var soloEditor = await app.StaffPrincipalAsync("editor@solo.test", "solo", StaffRole.Editor);
        var demo = await app.FindAsync("demo-harga-cabai-rawit-tembus-95-ribu");

        var create = await RunAsync(app, w => w.CreateAsync(soloEditor, Nasional(app), Draft(app, "Berita Titipan")));
        var unpublish = await RunAsync(app, w => w.UnpublishAsync(soloEditor, demo.Id, demo.Version));

        Assert.Equal(StepOutcome.Forbidden, create.Outcome);
        Assert.Equal(StepOutcome.NotFound, unpublish.Outcome);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor().GetAsync(await app.PathAsync(demo.ExternalId!))).StatusCode);
    }

    [SkippableFact]
    public async Task ASaveFromAnOldVersionIsAConflictAndItsTextIsKept()
    {
        await using var app = await WartaApp.StartAsync(store);
        var editor = await app.StaffPrincipalAsync("editor@warta.test", "nasional", StaffRole.Editor);
        var created = await RunAsync(app, w => w.CreateAsync(editor, Nasional(app), Draft(app, "Rapat Kabinet Bahas Subsidi")));

        var first = await RunAsync(app, w => w.SaveAsync(editor, created.ArticleId, created.Version, Draft(app, "Rapat Kabinet Bahas Subsidi BBM", "<p>Versi Ani.</p>")));
        var second = await RunAsync(app, w => w.SaveAsync(editor, created.ArticleId, created.Version, Draft(app, "Rapat Kabinet Putuskan Subsidi", "<p>Versi Budi.</p>")));

        Assert.Equal(StepOutcome.Ok, first.Outcome);
        Assert.Equal(StepOutcome.Conflict, second.Outcome);
        Assert.Equal(first.Version, second.Version);
        var article = await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Id == created.ArticleId));
        Assert.Equal("<p>Versi Ani.</p>", article.BodyHtml);
        var conflict = await app.WithDbAsync(db => db.ArticleRevisions.SingleAsync(r => r.ArticleId == created.ArticleId && r.Kind == "conflict"));
        Assert.Equal("<p>Versi Budi.</p>", conflict.BodyHtml);
        Assert.Equal("Rapat Kabinet Putuskan Subsidi", conflict.Headline);
    }

    [SkippableFact]
    public async Task TwoSimultaneousSavesGiveOneConflictAndLoseNoText()
    {
        await using var app = await WartaApp.StartAsync(store);
        var editor = await app.StaffPrincipalAsync("editor@warta.test", "nasional", StaffRole.Editor);
        var created = await RunAsync(app, w => w.CreateAsync(editor, Nasional(app), Draft(app, "Gempa di Laut Banda")));

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(i =>
            RunAsync(app, w => w.SaveAsync(editor, created.ArticleId, created.Version, Draft(app, "Gempa di Laut Banda", $"<p>Teks {i}.</p>")))));

        Assert.Equal(1, results.Count(r => r.Outcome == StepOutcome.Ok));
        Assert.Equal(1, results.Count(r => r.Outcome == StepOutcome.Conflict));
        var stored = await app.WithDbAsync(async db => (await db.Articles.SingleAsync(a => a.Id == created.ArticleId)).BodyHtml);
        var kept = await app.WithDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == created.ArticleId && r.Kind == "conflict").Select(r => r.BodyHtml).ToListAsync());
        Assert.Equal(["<p>Teks 0.</p>", "<p>Teks 1.</p>"], kept.Append(stored).Order());
    }

    [SkippableFact]
    public async Task AScheduledStoryGoesOutWhenItsTimeComes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await WartaApp.StartAsync(store, clock: clock);
        var publisher = app.Services.GetServices<IHostedService>().OfType<ScheduledPublisher>().Single();
        var editor = await app.StaffPrincipalAsync("editor@warta.test", "nasional", StaffRole.Editor);
        var created = await RunAsync(app, w => w.CreateAsync(editor, Nasional(app), Draft(app, "Pengumuman Pemenang Lomba Jurnalistik")));
        var at = clock.GetUtcNow().AddHours(2);

        var scheduled = await RunAsync(app, w => w.PublishAsync(editor, created.ArticleId, created.Version, at));
        var article = await app.WithDbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == created.ArticleId));
        var path = Warta.Content.ArticleUrls.Path("ekonomi", article.PublishedAt!.Value, article.Slug, IndonesianTimeZone.Wib);
        await publisher.PublishDueAsync(CancellationToken.None);
        var early = await app.ClientFor().GetAsync(path);
        clock.Advance(TimeSpan.FromHours(2));
        // The publisher's own loop may take the step first; either way the story is out afterwards.
        await publisher.PublishDueAsync(CancellationToken.None);

        Assert.Equal(StepOutcome.Ok, scheduled.Outcome);
        Assert.Equal(ArticleStatus.Scheduled, article.Status);
        Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor().GetAsync(path)).StatusCode);
        var published = await app.WithDbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == created.ArticleId));
        Assert.Equal((ArticleStatus.Published, article.PublishedAt), (published.Status, published.PublishedAt));
        Assert.Contains(path, await app.ClientFor().GetStringAsync("/"));
    }

    [SkippableFact]
    public async Task HostileHtmlFromTheEditorIsSanitizedBeforeItIsStored()
    {
        await using var app = await WartaApp.StartAsync(store);
        var writer = await app.StaffPrincipalAsync("penulis@warta.test", "nasional", StaffRole.Writer);

        var created = await RunAsync(app, w => w.CreateAsync(writer, Nasional(app),
            Draft(app, "Uji Keamanan", "<p onclick=\"alert(1)\">Aman<script>alert(2)</script></p><img src=x onerror=alert(3)><a href=\"javascript:alert(4)\">x</a>")));

        var stored = await app.WithDbAsync(async db => (await db.Articles.SingleAsync(a => a.Id == created.ArticleId)).BodyHtml);
        Assert.DoesNotContain("alert", stored);
        Assert.StartsWith("<p>Aman</p>", stored);
    }

    [SkippableFact]
    public async Task AStoryWithoutHeadlineOrWithAnotherSitesSectionIsRefusedWithReasons()
    {
        await using var app = await WartaApp.StartAsync(store);
        var writer = await app.StaffPrincipalAsync("penulis@warta.test", "nasional", StaffRole.Writer);
        var soloSection = app.Services.GetRequiredService<SiteDirectory>().FindBySlug("solo")!.Sections[0].Id;

        var result = await RunAsync(app, w => w.CreateAsync(writer, Nasional(app), new ArticleDraft(" ", "", soloSection, "<p>x</p>")));

        Assert.Equal(StepOutcome.Invalid, result.Outcome);
        Assert.Equal("Judul wajib diisi. Pilih rubrik situs ini.", result.Message);
    }
}

public sealed class SqliteArticleWorkflowTests() : ArticleWorkflowTests(StoreKind.Sqlite);

public sealed class PostgresArticleWorkflowTests() : ArticleWorkflowTests(StoreKind.Postgres);
