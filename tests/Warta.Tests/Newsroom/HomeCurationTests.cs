using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Warta.Accounts;
using Warta.Content;
using Warta.Network;
using Warta.Newsroom;
using Warta.Publishing;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Newsroom;

/// <summary>Issue 10: editors choose the headline and Berita Utama, pin them for a time and order the section blocks.</summary>
public sealed class HomeCurationTests
{
    private static async Task<StepOutcome> CurateAsync(WartaApp app, Func<HomeCuration, Task<StepOutcome>> change)
    {
        var outcome = StepOutcome.NotFound;
        await app.WithScopeAsync(async services => outcome = await change(services.GetRequiredService<HomeCuration>()));
        return outcome;
    }

    /// <summary>The story each headline on the home page links to (photos link there too, but are not headlines).</summary>
    private static string[] HeadlinesOn(AngleSharp.Dom.IDocument home) =>
        home.QuerySelectorAll(".top-story h2 a, main .cards h3 a, .latest li a").Select(a => a.GetAttribute("href")!).ToArray();

    [Fact]
    public async Task TheChosenHeadlineStaysOnTopWhenNewerStoriesArePublishedAndEachStoryAppearsOnce()
    {
        await using var app = await WartaApp.StartAsync();
        var editor = await app.StaffPrincipalAsync("editor@warta.test", "nasional", StaffRole.Editor);
        var site = app.Services.GetRequiredService<SiteDirectory>().FindBySlug("nasional")!.Id;
        var chosen = await app.FindAsync("demo-desa-ntt-internet-satelit");
        var beside = await app.FindAsync("demo-maraton-danau-toba-9000-pelari");
        var client = app.ClientFor();
        await client.GetAsync("/");

        Assert.Equal(StepOutcome.Ok, await CurateAsync(app, c => c.AddAsync(editor, site, HomeList.TopStories, beside.Id)));
        Assert.Equal(StepOutcome.Ok, await CurateAsync(app, c => c.AddAsync(editor, site, HomeList.TopStories, chosen.Id, first: true)));
        Assert.Equal(StepOutcome.Ok, await CurateAsync(app, c => c.AddAsync(editor, site, HomeList.Picks, chosen.Id)));
        var newer = await app.PublishStoryAsync(editor, app.Draft("nasional", "nasional", "Gempa Magnitudo 5,1 Guncang Lepas Pantai Selatan Jawa"));

        var (response, home) = await client.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Age);
        Assert.Equal(await app.PathOfAsync(chosen), home.QuerySelector(".top-story h2 a")!.GetAttribute("href"));
        Assert.Equal(await app.PathOfAsync(beside), home.QuerySelector(".top-stories h3 a")!.GetAttribute("href"));
        Assert.Equal(newer.Path, home.QuerySelector(".latest li a")!.GetAttribute("href"));
        // The headline is also a pick, and the newest stories also head their sections: each shows once.
        Assert.Empty(home.QuerySelectorAll(".picks"));
        var headlines = HeadlinesOn(home);
        Assert.True(headlines.Length > 12, $"the home page shows the demo's stories ({headlines.Length})");
        Assert.Equal(headlines.Distinct(), headlines);
    }

    [Fact]
    public async Task APinnedHeadlineLeavesTheHomePageWhenItsTimeRunsOut()
    {
        // The page cache keeps entries by the real clock, so the pin runs out on it too: three seconds.
        await using var app = await WartaApp.StartAsync(testServices: CountingCacheStore.Wrap);
        var store = app.Services.GetRequiredService<CountingCacheStore>();
        var editor = await app.StaffPrincipalAsync("editor@warta.test", "nasional", StaffRole.Editor);
        var site = app.Services.GetRequiredService<SiteDirectory>().FindBySlug("nasional")!.Id;
        var pinned = await app.FindAsync("demo-desa-ntt-internet-satelit");
        var client = app.ClientFor();
        var (_, before) = await client.GetPageAsync("/");
        var automatic = before.QuerySelector(".top-story h2 a")!.GetAttribute("href");
        Assert.NotEqual(await app.PathOfAsync(pinned), automatic);

        Assert.Equal(StepOutcome.Ok, await CurateAsync(app, c => c.AddAsync(editor, site, HomeList.TopStories, pinned.Id, first: true)));
        Assert.Equal(StepOutcome.Invalid, await CurateAsync(app, c => c.PinAsync(editor, site, HomeList.TopStories, pinned.Id, DateTimeOffset.UtcNow.AddMinutes(-1))));
        Assert.Equal(StepOutcome.Invalid, await CurateAsync(app, c => c.PinAsync(editor, site, HomeList.TopStories, pinned.Id, DateTimeOffset.UtcNow.AddDays(31))));
        Assert.Equal(StepOutcome.Ok, await CurateAsync(app, c => c.PinAsync(editor, site, HomeList.TopStories, pinned.Id, DateTimeOffset.UtcNow.AddSeconds(3))));
        var (_, during) = await client.GetPageAsync("/");
        Assert.Equal(await app.PathOfAsync(pinned), during.QuerySelector(".top-story h2 a")!.GetAttribute("href"));
        Assert.InRange(store.LastValidFor!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(3));

        // Nothing is published or changed when the pin ends: the home page must not have been kept past it.
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var (after, home) = await client.GetPageAsync("/");
        Assert.Null(after.Headers.Age);
        Assert.Equal(automatic, home.QuerySelector(".top-story h2 a")!.GetAttribute("href"));
        var (_, desk) = await (await app.SignedInAsync("desk@warta.test", "nasional", StaffRole.Editor)).GetPageAsync("/redaksi/utama?situs=nasional");
        Assert.StartsWith("Sematan berakhir", desk.QuerySelector(".picks .pin")!.Text());
    }

    [Fact]
    public async Task EditorsOrderAndHideTheSectionBlocks()
    {
        await using var app = await WartaApp.StartAsync();
        var editor = await app.StaffPrincipalAsync("editor@warta.test", "nasional", StaffRole.Editor);
        var site = app.Services.GetRequiredService<SiteDirectory>().FindBySlug("nasional")!;
        var client = app.ClientFor();
        var (_, before) = await client.GetPageAsync("/");
        var blocks = before.QuerySelectorAll(".section-block:not(.picks) h2").Select(h => h.Text()).ToList();
        Assert.True(blocks.Count >= 2, "the demo's national site shows at least two section blocks");
        var first = site.Sections.Single(s => s.Name == blocks[0]);
        var second = site.Sections.Single(s => s.Name == blocks[1]);

        Assert.Equal(StepOutcome.Ok, await CurateAsync(app, c => c.MoveBlockAsync(editor, site.Id, second.Id, -1)));
        Assert.Equal(StepOutcome.Ok, await CurateAsync(app, c => c.ShowBlockAsync(editor, site.Id, first.Id, shown: false)));
        var (response, home) = await client.GetPageAsync("/");

        Assert.Null(response.Headers.Age);
        var after = home.QuerySelectorAll(".section-block:not(.picks) h2").Select(h => h.Text()).ToList();
        Assert.Equal(second.Name, after[0]);
        Assert.DoesNotContain(first.Name, after);
        // The navigation is the site admins' and keeps every section in its own order.
        Assert.Equal(site.Sections.Select(s => s.Name), home.QuerySelectorAll("nav.sections li a").Skip(1).Select(a => a.Text()));
        Assert.Equal(StepOutcome.Ok, await CurateAsync(app, c => c.ShowBlockAsync(editor, site.Id, first.Id, shown: true)));
        Assert.Contains(first.Name, (await client.GetPageAsync("/")).Document.QuerySelectorAll(".section-block h2").Select(h => h.Text()));
    }

    [Fact]
    public async Task AnEditorSetsTheHeadlineAndPinsItOnTheNewsroomPageAndABadTimeIsNamed()
    {
        await using var app = await WartaApp.StartAsync();
        var client = await app.SignedInAsync("editor@warta.test", "nasional", StaffRole.Editor);
        var (_, page) = await client.GetPageAsync("/redaksi/utama?situs=nasional");
        var form = page.QuerySelector(".recent form")!;
        var articleId = form.QuerySelector("input[name=articleId]")!.GetAttribute("value")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var added = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["articleId"] = articleId, ["first"] = "true", ["__RequestVerificationToken"] = token,
        }));
        var refused = await client.PostAsync("/redaksi/utama?handler=Pin&situs=nasional", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["articleId"] = articleId, ["until"] = "besok sore", ["__RequestVerificationToken"] = token,
        }));
        var refusal = await refused.Content.ReadAsStringAsync();
        var (_, after) = await client.GetPageAsync("/redaksi/utama?situs=nasional");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("/redaksi/utama?situs=nasional", added.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Sematkan sampai waktu yang akan datang", refusal);
        Assert.Equal(articleId, after.QuerySelector(".picks li")!.GetAttribute("data-article"));
        Assert.Equal("Headline", after.QuerySelector(".picks .badge")!.Text());
        Assert.Null(after.QuerySelector(".picks .pin"));
        var (_, home) = await app.ClientFor().GetPageAsync("/");
        Assert.Equal(await app.PathAsync(int.Parse(articleId)), home.QuerySelector(".top-story h2 a")!.GetAttribute("href"));
    }
}
