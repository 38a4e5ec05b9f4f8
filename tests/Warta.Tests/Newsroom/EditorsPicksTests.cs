using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Warta.Content;
using Warta.Publishing;
using Warta.Accounts;
using Warta.Network;
using Warta.Newsroom;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Newsroom;

public sealed class EditorsPicksTests
{
    private static async Task<StepOutcome> PicksAsync(WartaApp app, Func<HomeCuration, Task<StepOutcome>> change)
    {
        var outcome = StepOutcome.NotFound;
        await app.WithScopeAsync(async services => outcome = await change(services.GetRequiredService<HomeCuration>()));
        return outcome;
    }

    [Fact]
    public async Task EditorsPicksShowOnTheHomePageInTheirOrderAndEvictItAtOnce()
    {
        await using var app = await WartaApp.StartAsync();
        var editor = await app.StaffPrincipalAsync("editor@warta.test", "nasional", StaffRole.Editor);
        var site = app.Services.GetRequiredService<SiteDirectory>().FindBySlug("nasional")!.Id;
        var first = await app.FindAsync("demo-maraton-danau-toba-9000-pelari");
        var second = await app.FindAsync("demo-desa-ntt-internet-satelit");
        var client = app.ClientFor();
        await client.GetAsync("/");
        Assert.NotNull((await client.GetAsync("/")).Headers.Age);

        Assert.Equal(StepOutcome.Ok, await PicksAsync(app, p => p.AddAsync(editor, site, HomeList.Picks, first.Id)));
        Assert.Equal(StepOutcome.Ok, await PicksAsync(app, p => p.AddAsync(editor, site, HomeList.Picks, second.Id)));
        var (afterAdd, home) = await client.GetPageAsync("/");
        Assert.Null(afterAdd.Headers.Age);
        Assert.Equal([first.Headline, second.Headline], home.QuerySelectorAll(".picks h3").Select(h => h.Text()));

        Assert.Equal(StepOutcome.Ok, await PicksAsync(app, p => p.MoveAsync(editor, site, HomeList.Picks, second.Id, -1)));
        var (_, reordered) = await client.GetPageAsync("/");
        Assert.Equal([second.Headline, first.Headline], reordered.QuerySelectorAll(".picks h3").Select(h => h.Text()));

        Assert.Equal(StepOutcome.Ok, await PicksAsync(app, p => p.RemoveAsync(editor, site, HomeList.Picks, second.Id)));
        var (_, removed) = await client.GetPageAsync("/");
        Assert.Equal([first.Headline], removed.QuerySelectorAll(".picks h3").Select(h => h.Text()));
    }

    [Fact]
    public async Task OnlyEditorsOfTheSitePickAndOnlyItsPublishedStories()
    {
        await using var app = await WartaApp.StartAsync();
        var writer = await app.StaffPrincipalAsync("penulis@warta.test", "nasional", StaffRole.Writer);
        var soloEditor = await app.StaffPrincipalAsync("editor@solo.test", "solo", StaffRole.Editor);
        var editor = await app.StaffPrincipalAsync("editor@warta.test", "nasional", StaffRole.Editor);
        var sites = app.Services.GetRequiredService<SiteDirectory>();
        var nasional = sites.FindBySlug("nasional")!.Id;
        var story = await app.FindAsync("demo-maraton-danau-toba-9000-pelari");
        var soloStory = await app.FindAsync("demo-solo-festival-batik-bengawan");

        Assert.Equal(StepOutcome.Forbidden, await PicksAsync(app, p => p.AddAsync(writer, nasional, HomeList.Picks, story.Id)));
        Assert.Equal(StepOutcome.Forbidden, await PicksAsync(app, p => p.AddAsync(soloEditor, nasional, HomeList.Picks, story.Id)));
        Assert.Equal(StepOutcome.NotFound, await PicksAsync(app, p => p.AddAsync(editor, nasional, HomeList.Picks, soloStory.Id)));
        Assert.Empty((await app.ClientFor().GetPageAsync("/")).Document.QuerySelectorAll(".picks"));
    }

    [Fact]
    public async Task AnEditorOrdersPicksOnTheNewsroomPage()
    {
        await using var app = await WartaApp.StartAsync();
        await app.AddStaffAsync("editor@warta.test", "nasional", StaffRole.Editor, "kata sandi yang panjang");
        var client = app.ClientFor();
        await client.SignInAsync("editor@warta.test", "kata sandi yang panjang");

        var (_, page) = await client.GetPageAsync("/redaksi/pilihan?situs=nasional");
        var form = page.QuerySelector(".recent form")!;
        var response = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["articleId"] = form.QuerySelector("input[name=articleId]")!.GetAttribute("value")!,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        var (_, after) = await client.GetPageAsync("/redaksi/pilihan?situs=nasional");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Single(after.QuerySelectorAll(".picks li"));
        Assert.NotEmpty((await app.ClientFor().GetPageAsync("/")).Document.QuerySelectorAll(".picks .card"));
    }
}
