using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Warta.Publishing;
using Warta.Content;
using Warta.Network;
using Warta.Tests.Infrastructure;
using static Warta.Tests.Newsroom.Actor;
using static Warta.Tests.Newsroom.Expect;
using static Warta.Tests.Newsroom.Stage;

namespace Warta.Tests.Newsroom;

public enum Channel
{
    /// <summary>The newsroom pages under /redaksi, signed in with the cookie, forms with their anti-forgery token.</summary>
    Page,

    /// <summary>/api/v1 with the actor's personal access token.</summary>
    Api,
}

/// <summary>The outcome a cell must have. Whenever it is not <see cref="Ok"/>, the store must be unchanged.</summary>
public enum Expect
{
    /// <summary>No such cell (a stranger owns no story).</summary>
    None,

    /// <summary>Done: the action's own success check (status, page or body, stored row).</summary>
    Ok,

    /// <summary>Pages: redirect to /redaksi/ditolak, which answers 403. API: 403.</summary>
    Denied,

    /// <summary>Not even shown: 404 for a story page, left out of a list or log.</summary>
    Hidden,

    /// <summary>The role may act but the step does not fit: 422 with the reason.</summary>
    Invalid,

    /// <summary>Pages: redirect to the sign-in form. API: 401.</summary>
    SignIn,
}

/// <summary>A row's outcomes for one actor: (own story, a colleague's story, the other site's story) or (own site, other site).</summary>
public readonly record struct Outcomes(Expect[] Values)
{
    public static implicit operator Outcomes((Expect OwnStory, Expect ColleaguesStory, Expect OtherSitesStory) story) =>
        new([story.OwnStory, story.ColleaguesStory, story.OtherSitesStory]);

    public static implicit operator Outcomes((Expect OwnSite, Expect OtherSite) site) => new([site.OwnSite, site.OtherSite]);
}

/// <summary>
/// A row of the matrix: one action, how to send it, how to tell it succeeded, and the expected outcome
/// for every actor on every target. A new action is a new row.
/// </summary>
public sealed class MatrixRow(string name, Channel channel, Func<MatrixNewsroom, MatrixCell, Task<HttpResponseMessage>> act,
    Func<MatrixNewsroom, MatrixCell, HttpResponseMessage, Task> succeeded)
{
    private readonly Dictionary<Actor, Expect[]> _expected = [];
    private readonly Dictionary<Stage, (Expect Writer, Expect Editors)> _stages = [];

    public string Name => name;
    public Channel Channel => channel;

    /// <summary>The state the target story is put in, for a row that lists every actor's outcomes; null for an action on a site.</summary>
    public Stage? Stage { get; init; }

    /// <summary>Anything beyond the story the action needs in place (picks, an audit entry).</summary>
    public Func<MatrixNewsroom, MatrixCell, Task>? Arrange { get; init; }

    /// <summary>How "not shown" looks when it is not a 404 (a list without the item).</summary>
    public Func<MatrixNewsroom, MatrixCell, HttpResponseMessage, Task>? NotShown { get; init; }

    /// <summary>Reads must leave the store as it was even when they succeed.</summary>
    public bool ReadOnly { get; init; }

    public Func<MatrixNewsroom, MatrixCell, Task<HttpResponseMessage>> Act => act;
    public Func<MatrixNewsroom, MatrixCell, HttpResponseMessage, Task> Succeeded => succeeded;

    /// <summary>The stages the row is tried in; a site row has none and runs once.</summary>
    public IEnumerable<Stage?> Stages => _stages.Count > 0 ? _stages.Keys.Select(s => (Stage?)s) : [Stage];

    public IEnumerable<Target> Targets => Stage is null && _stages.Count == 0
        ? [Target.OwnSite, Target.OtherSite]
        : [Target.OwnStory, Target.ColleaguesStory, Target.OtherSitesStory];

    /// <summary>What the actor gets on each target, in the order of <see cref="Targets"/>.</summary>
    public Outcomes this[Actor actor] { set => _expected[actor] = value.Values; }

    /// <summary>
    /// A step on a story in this stage: what the writer gets on their own story and what editors and
    /// admins get. Who may open the story at all is StoryAccess's rule, the same in every stage: a
    /// writer no one else's, editors their site's, the network admin every site's, no role nothing.
    /// </summary>
    public (Expect Writer, Expect Editors) this[Stage stage] { set => _stages[stage] = value; }

    public Expect Expected(Actor actor, Target target, Stage? stage)
    {
        var cells = stage is { } s && _stages.TryGetValue(s, out var step) ? OnStory(actor, step.Writer, step.Editors)
            : _expected.TryGetValue(actor, out var listed) ? listed : [];
        if (cells.Length != Targets.Count())
            throw new InvalidOperationException($"Row '{Name}' does not say what {actor} gets on each of {string.Join(", ", Targets)}.");
        return cells[Targets.ToList().IndexOf(target)];
    }

    /// <summary>(own story, a colleague's story, the other site's story) for an actor.</summary>
    private static Expect[] OnStory(Actor actor, Expect writer, Expect editors) => actor switch
    {
        Actor.Writer => [writer, Hidden, Hidden],
        Actor.Editor or Actor.SiteAdmin => [editors, editors, Hidden],
        Actor.NetworkAdmin => [editors, editors, editors],
        Actor.NoRole => [Hidden, Hidden, Hidden],
        _ => [None, SignIn, SignIn],
    };
}

/// <summary>
/// Every role against every action, through the newsroom pages and the API, on its own site and on
/// another: the exact outcome of each cell, and an unchanged store whenever the answer is no.
/// Rules: Newsroom/ArticleWorkflow.cs (editors and admins act on every story of their site, writers
/// only on their own), EditorsPicks.cs (editors), Audit.cshtml.cs (admins), docs/api.md.
/// </summary>
public sealed class AuthorizationMatrixTests(MatrixNewsroom newsroom) : IClassFixture<MatrixNewsroom>
{
    public static readonly MatrixRow[] Rows =
    [
        // ---- newsroom pages, one story: per stage, (the writer on their own story, editors and admins) ----
        new("page: open a story in the editor", Channel.Page, (_, c) => c.Client.GetAsync(StoryUrl(c)), ShowsTheStoryAsync)
        {
            ReadOnly = true,
            [Draft] = (Ok, Ok), [Published] = (Ok, Ok), [Scheduled] = (Ok, Ok), [Unpublished] = (Ok, Ok), [Copy] = (Ok, Ok),
        },
        new("page: get a preview link", Channel.Page, (_, c) => c.Client.GetAsync($"{StoryUrl(c)}?handler=Pratinjau"), PreviewShowsTheDraftAsync)
        {
            ReadOnly = true,
            [Draft] = (Ok, Ok), [Scheduled] = (Ok, Ok), [Unpublished] = (Ok, Ok), [Copy] = (Ok, Ok),
        },
        new("page: save", Channel.Page, (_, c) => PostStoryAsync(c, "Save", new() { ["Headline"] = Edited(c) }), SavedAsync)
        {
            [Draft] = (Ok, Ok), [Published] = (Invalid, Ok), [Scheduled] = (Invalid, Ok), [Unpublished] = (Invalid, Ok), [Copy] = (Invalid, Invalid),
        },
        new("page: autosave", Channel.Page, (_, c) => PostStoryAsync(c, "Autosave", new() { ["Headline"] = Edited(c) }), AutosavedAsync)
        {
            [Draft] = (Ok, Ok), [Published] = (Invalid, Ok), [Scheduled] = (Invalid, Ok), [Unpublished] = (Invalid, Ok), [Copy] = (Invalid, Invalid),
        },
        new("page: restore the first revision", Channel.Page, RestoreFirstRevisionAsync, RestoredAsync)
        {
            Arrange = (n, c) => n.RenameAsync(c.Story!.Id, Edited(c)),
            [Draft] = (Ok, Ok), [Scheduled] = (Invalid, Ok), [Unpublished] = (Invalid, Ok), [Copy] = (Invalid, Invalid),
        },
        new("page: submit to an editor", Channel.Page, (_, c) => PostStoryAsync(c, "Submit"), StatusBecomesAsync(ArticleStatus.Submitted))
        {
            [Draft] = (Ok, Ok), [Scheduled] = (Invalid, Invalid), [Unpublished] = (Invalid, Invalid), [Copy] = (Invalid, Invalid),
        },
        new("page: return to the writer", Channel.Page, (_, c) => PostStoryAsync(c, "Return", new() { ["Comment"] = ReturnNote }), ReturnedAsync)
        {
            [Submitted] = (Denied, Ok), [Scheduled] = (Denied, Invalid), [Unpublished] = (Denied, Invalid), [Copy] = (Denied, Invalid),
        },
        new("page: publish now", Channel.Page, (_, c) => PostStoryAsync(c, "Publish"), PublishedNowAsync)
        {
            [Submitted] = (Denied, Ok), [Scheduled] = (Denied, Ok), [Unpublished] = (Denied, Ok), [Copy] = (Denied, Invalid),
        },
        new("page: schedule", Channel.Page, (_, c) => PostStoryAsync(c, "Publish", new() { ["PublishAt"] = LocalScheduleTime(c).ToString("yyyy-MM-ddTHH:mm") }), ScheduledAsync)
        {
            [Submitted] = (Denied, Ok), [Scheduled] = (Denied, Ok), [Unpublished] = (Denied, Ok), [Copy] = (Denied, Invalid),
        },
        new("page: take down", Channel.Page, (_, c) => PostStoryAsync(c, "Unpublish"), StatusBecomesAsync(ArticleStatus.Unpublished))
        {
            [Published] = (Denied, Ok), [Scheduled] = (Denied, Ok), [Unpublished] = (Denied, Invalid), [Copy] = (Denied, Ok),
        },
        new("page: dashboard lists a story waiting for an editor", Channel.Page, (_, c) => c.Client.GetAsync("/redaksi"), DashboardListsTheStoryAsync)
        {
            ReadOnly = true, NotShown = DashboardLeavesTheStoryOutAsync,
            Arrange = (n, c) => n.MakeOldestAsync(c.Story!.Id),
            [Submitted] = (Ok, Ok),
        },

        // ---- newsroom pages, picks of a published story ----
        new("page: add to its site's picks", Channel.Page, (_, c) => PostPicksAsync(c, c.Site, "Add"), PicksBecomeAsync(c => [c.Story!.Id]))
        {
            Stage = Published, Arrange = (n, c) => n.SetPicksAsync(c.Site),
            [Writer] = (Denied, Denied, Denied),
            [Editor] = (Ok, Ok, Denied),
            [SiteAdmin] = (Ok, Ok, Denied),
            [NetworkAdmin] = (Ok, Ok, Ok),
            [NoRole] = (Denied, Denied, Denied),
            [Anonymous] = (None, SignIn, SignIn),
        },
        new("page: add to site A's picks", Channel.Page, (n, c) => PostPicksAsync(c, n.SiteA, "Add"), PicksBecomeAsync(c => [c.Story!.Id], onSiteA: true))
        {
            Stage = Published, Arrange = (n, _) => n.SetPicksAsync(n.SiteA),
            [Writer] = (Denied, Denied, Denied),
            [Editor] = (Ok, Ok, Invalid),
            [SiteAdmin] = (Ok, Ok, Invalid),
            [NetworkAdmin] = (Ok, Ok, Invalid),
            [NoRole] = (Denied, Denied, Denied),
            [Anonymous] = (None, SignIn, SignIn),
        },
        new("page: move a pick up", Channel.Page, (_, c) => PostPicksAsync(c, c.Site, "Up"), PicksBecomeAsync(c => [c.Story!.Id, -1]))
        {
            Stage = Published, Arrange = (n, c) => n.SetPicksAsync(c.Site, n.Bystander(c.Site), c.Story!.Id),
            [Writer] = (Denied, Denied, Denied),
            [Editor] = (Ok, Ok, Denied),
            [SiteAdmin] = (Ok, Ok, Denied),
            [NetworkAdmin] = (Ok, Ok, Ok),
            [NoRole] = (Denied, Denied, Denied),
            [Anonymous] = (None, SignIn, SignIn),
        },
        new("page: move a pick down", Channel.Page, (_, c) => PostPicksAsync(c, c.Site, "Down"), PicksBecomeAsync(c => [-1, c.Story!.Id]))
        {
            Stage = Published, Arrange = (n, c) => n.SetPicksAsync(c.Site, c.Story!.Id, n.Bystander(c.Site)),
            [Writer] = (Denied, Denied, Denied),
            [Editor] = (Ok, Ok, Denied),
            [SiteAdmin] = (Ok, Ok, Denied),
            [NetworkAdmin] = (Ok, Ok, Ok),
            [NoRole] = (Denied, Denied, Denied),
            [Anonymous] = (None, SignIn, SignIn),
        },
        new("page: remove a pick", Channel.Page, (_, c) => PostPicksAsync(c, c.Site, "Remove"), PicksBecomeAsync(_ => []))
        {
            Stage = Published, Arrange = (n, c) => n.SetPicksAsync(c.Site, c.Story!.Id),
            [Writer] = (Denied, Denied, Denied),
            [Editor] = (Ok, Ok, Denied),
            [SiteAdmin] = (Ok, Ok, Denied),
            [NetworkAdmin] = (Ok, Ok, Ok),
            [NoRole] = (Denied, Denied, Denied),
            [Anonymous] = (None, SignIn, SignIn),
        },

        // ---- newsroom pages, one site ----
        new("page: open the new-story form", Channel.Page, (_, c) => c.Client.GetAsync($"/redaksi/berita?situs={c.Site.Slug}"), ShowsTheNewStoryFormAsync)
        {
            ReadOnly = true,
            [Writer] = (Ok, Denied),
            [Editor] = (Ok, Denied),
            [SiteAdmin] = (Ok, Denied),
            [NetworkAdmin] = (Ok, Ok),
            [NoRole] = (Denied, Denied),
            [Anonymous] = (SignIn, SignIn),
        },
        new("page: create a story", Channel.Page, CreateOnPageAsync, CreatedOnPageAsync)
        {
            [Writer] = (Ok, Denied),
            [Editor] = (Ok, Denied),
            [SiteAdmin] = (Ok, Denied),
            [NetworkAdmin] = (Ok, Ok),
            [NoRole] = (Denied, Denied),
            [Anonymous] = (SignIn, SignIn),
        },
        new("page: upload a photo", Channel.Page, UploadPhotoAsync, UploadedAsync)
        {
            [Writer] = (Ok, Denied),
            [Editor] = (Ok, Denied),
            [SiteAdmin] = (Ok, Denied),
            [NetworkAdmin] = (Ok, Ok),
            [NoRole] = (Denied, Denied),
            [Anonymous] = (SignIn, SignIn),
        },
        new("page: dashboard shows the site's desk", Channel.Page, (_, c) => c.Client.GetAsync("/redaksi"), DashboardShowsTheDeskAsync)
        {
            ReadOnly = true, NotShown = DashboardLeavesTheDeskOutAsync,
            [Writer] = (Ok, Hidden),
            [Editor] = (Ok, Hidden),
            [SiteAdmin] = (Ok, Hidden),
            [NetworkAdmin] = (Ok, Ok),
            [NoRole] = (Hidden, Hidden),
            [Anonymous] = (SignIn, SignIn),
        },
        new("page: make it the headline", Channel.Page, (_, c) => PostPicksAsync(c, c.Site, "Add", TopStoriesPath, ("first", "true")),
            PicksBecomeAsync(c => [c.Story!.Id, -1], list: HomeList.TopStories))
        {
            Stage = Published, Arrange = (n, c) => n.SetListAsync(c.Site, HomeList.TopStories, n.Bystander(c.Site)),
            [Writer] = (Denied, Denied, Denied),
            [Editor] = (Ok, Ok, Denied),
            [SiteAdmin] = (Ok, Ok, Denied),
            [NetworkAdmin] = (Ok, Ok, Ok),
            [NoRole] = (Denied, Denied, Denied),
            [Anonymous] = (None, SignIn, SignIn),
        },
        new("page: pin the headline until tonight", Channel.Page, (_, c) => PostPicksAsync(c, c.Site, "Pin", TopStoriesPath, ("until", Tonight(c.Site))), PinnedAsync)
        {
            Stage = Published, Arrange = (n, c) => n.SetListAsync(c.Site, HomeList.TopStories, c.Story!.Id),
            [Writer] = (Denied, Denied, Denied),
            [Editor] = (Ok, Ok, Denied),
            [SiteAdmin] = (Ok, Ok, Denied),
            [NetworkAdmin] = (Ok, Ok, Ok),
            [NoRole] = (Denied, Denied, Denied),
            [Anonymous] = (None, SignIn, SignIn),
        },
        new("page: hide a section's home block", Channel.Page, (_, c) => c.Client.PostAsync($"/redaksi/utama?handler=Hide&situs={c.Site.Slug}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["sectionId"] = c.Site.Sections[0].Id.ToString(), ["__RequestVerificationToken"] = c.FormToken,
            })), BlockHiddenAsync)
        {
            [Writer] = (Denied, Denied),
            [Editor] = (Ok, Denied),
            [SiteAdmin] = (Ok, Denied),
            [NetworkAdmin] = (Ok, Ok),
            [NoRole] = (Denied, Denied),
            [Anonymous] = (SignIn, SignIn),
        },
        new("page: open the site's picks", Channel.Page, (_, c) => c.Client.GetAsync($"/redaksi/pilihan?situs={c.Site.Slug}"), ShowsThePicksPageAsync)
        {
            ReadOnly = true,
            [Writer] = (Denied, Denied),
            [Editor] = (Ok, Denied),
            [SiteAdmin] = (Ok, Denied),
            [NetworkAdmin] = (Ok, Ok),
            [NoRole] = (Denied, Denied),
            [Anonymous] = (SignIn, SignIn),
        },
        new("page: save a static page of the site", Channel.Page, (_, c) => c.Client.PostAsync($"/redaksi/halaman/kontak?situs={c.Site.Slug}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Title"] = $"Kontak {c.Marker}", ["BodyHtml"] = "<p>Surel redaksi.</p>", ["__RequestVerificationToken"] = c.FormToken,
            })), StaticPageSavedAsync)
        {
            [Writer] = (Denied, Denied),
            [Editor] = (Denied, Denied),
            [SiteAdmin] = (Ok, Denied),
            [NetworkAdmin] = (Ok, Ok),
            [NoRole] = (Denied, Denied),
            [Anonymous] = (SignIn, SignIn),
        },
        new("page: open the site's static pages", Channel.Page, (_, c) => c.Client.GetAsync($"/redaksi/halaman?situs={c.Site.Slug}"), ShowsTheStaticPagesAsync)
        {
            ReadOnly = true,
            [Writer] = (Denied, Denied),
            [Editor] = (Denied, Denied),
            [SiteAdmin] = (Ok, Denied),
            [NetworkAdmin] = (Ok, Ok),
            [NoRole] = (Denied, Denied),
            [Anonymous] = (SignIn, SignIn),
        },
        new("page: open the site's Berita Utama", Channel.Page, (_, c) => c.Client.GetAsync($"/redaksi/utama?situs={c.Site.Slug}"), ShowsTheTopStoriesPageAsync)
        {
            ReadOnly = true,
            [Writer] = (Denied, Denied),
            [Editor] = (Ok, Denied),
            [SiteAdmin] = (Ok, Denied),
            [NetworkAdmin] = (Ok, Ok),
            [NoRole] = (Denied, Denied),
            [Anonymous] = (SignIn, SignIn),
        },
        new("page: audit log shows the site's entries", Channel.Page, (_, c) => c.Client.GetAsync("/redaksi/audit"), AuditShowsTheEntryAsync)
        {
            ReadOnly = true, NotShown = AuditLeavesTheEntryOutAsync,
            Arrange = (n, c) => n.RecordAuditAsync(c.Site, c.Marker),
            [Writer] = (Denied, Denied),
            [Editor] = (Denied, Denied),
            [SiteAdmin] = (Ok, Hidden),
            [NetworkAdmin] = (Ok, Ok),
            [NoRole] = (Denied, Denied),
            [Anonymous] = (SignIn, SignIn),
        },

        // ---- newsroom pages, a site's staff (site admins of that site, network admins) ----
        new("page: staff list shows the site's writer", Channel.Page, (_, c) => c.Client.GetAsync("/redaksi/staf"), StaffListShowsTheWriterAsync)
        {
            ReadOnly = true, NotShown = StaffListLeavesTheWriterOutAsync,
            Arrange = (n, c) => n.App.AddStaffAsync(StaffWriter(c), c.Site.Slug, Warta.Accounts.StaffRole.Writer),
            [Writer] = (Denied, Denied),
            [Editor] = (Denied, Denied),
            [SiteAdmin] = (Ok, Hidden),
            [NetworkAdmin] = (Ok, Ok),
            [NoRole] = (Denied, Denied),
            [Anonymous] = (SignIn, SignIn),
        },
        new("page: disable the site's writer", Channel.Page, (_, c) => PostStaffAsync(c, "Disable"), WriterDisabledAsync)
        {
            Arrange = (n, c) => n.App.AddStaffAsync(StaffWriter(c), c.Site.Slug, Warta.Accounts.StaffRole.Writer),
            [Writer] = (Denied, Denied),
            [Editor] = (Denied, Denied),
            [SiteAdmin] = (Ok, Invalid),
            [NetworkAdmin] = (Ok, Ok),
            [NoRole] = (Denied, Denied),
            [Anonymous] = (SignIn, SignIn),
        },

        // ---- newsroom pages, the network (network admins only) ----
        new("page: open the network's sites", Channel.Page, (_, c) => c.Client.GetAsync("/redaksi/jaringan"), ShowsTheNetworkAsync)
        {
            ReadOnly = true,
            [Writer] = (Denied, Denied),
            [Editor] = (Denied, Denied),
            [SiteAdmin] = (Denied, Denied),
            [NetworkAdmin] = (Ok, Ok),
            [NoRole] = (Denied, Denied),
            [Anonymous] = (SignIn, SignIn),
        },
        new("page: open a site's settings", Channel.Page, (_, c) => c.Client.GetAsync($"/redaksi/jaringan/{c.Site.Slug}"), ShowsTheSiteSettingsAsync)
        {
            ReadOnly = true,
            [Writer] = (Denied, Denied),
            [Editor] = (Denied, Denied),
            [SiteAdmin] = (Denied, Denied),
            [NetworkAdmin] = (Ok, Ok),
            [NoRole] = (Denied, Denied),
            [Anonymous] = (SignIn, SignIn),
        },
        new("page: change a site's settings", Channel.Page, PostSiteSettingsAsync, SiteTaglineIsTheMarkerAsync)
        {
            [Writer] = (Denied, Denied),
            [Editor] = (Denied, Denied),
            [SiteAdmin] = (Denied, Denied),
            [NetworkAdmin] = (Ok, Ok),
            [NoRole] = (Denied, Denied),
            [Anonymous] = (SignIn, SignIn),
        },
        new("page: add a section", Channel.Page, PostSectionAsync, SectionAddedAsync)
        {
            [Writer] = (Denied, Denied),
            [Editor] = (Denied, Denied),
            [SiteAdmin] = (Denied, Denied),
            [NetworkAdmin] = (Ok, Ok),
            [NoRole] = (Denied, Denied),
            [Anonymous] = (SignIn, SignIn),
        },
        new("page: create a site", Channel.Page, PostNewSiteAsync, SiteCreatedAsync)
        {
            [Writer] = (Denied, Denied),
            [Editor] = (Denied, Denied),
            [SiteAdmin] = (Denied, Denied),
            [NetworkAdmin] = (Ok, Ok),
            [NoRole] = (Denied, Denied),
            [Anonymous] = (SignIn, SignIn),
        },

        // ---- API, one story: per stage, (the writer on their own story, editors and admins) ----
        new("api: get a story", Channel.Api, (_, c) => c.Client.GetAsync($"/api/v1/articles/{c.Story!.Id}"), ApiReturnsTheStoryAsync)
        {
            ReadOnly = true,
            [Draft] = (Ok, Ok), [Scheduled] = (Ok, Ok), [Unpublished] = (Ok, Ok), [Copy] = (Ok, Ok),
        },
        new("api: save", Channel.Api, PutAsync, SavedAsync)
        {
            [Draft] = (Ok, Ok), [Published] = (Invalid, Ok), [Scheduled] = (Invalid, Ok), [Unpublished] = (Invalid, Ok), [Copy] = (Invalid, Invalid),
        },
        new("api: submit", Channel.Api, (_, c) => StepAsync(c, "submit"), StatusBecomesAsync(ArticleStatus.Submitted))
        {
            [Draft] = (Ok, Ok), [Scheduled] = (Invalid, Invalid), [Unpublished] = (Invalid, Invalid), [Copy] = (Invalid, Invalid),
        },
        new("api: return", Channel.Api, (_, c) => StepAsync(c, "return", comment: ReturnNote), ReturnedAsync)
        {
            [Submitted] = (Denied, Ok), [Scheduled] = (Denied, Invalid), [Unpublished] = (Denied, Invalid), [Copy] = (Denied, Invalid),
        },
        new("api: publish now", Channel.Api, (_, c) => StepAsync(c, "publish"), PublishedNowAsync)
        {
            [Submitted] = (Denied, Ok), [Scheduled] = (Denied, Ok), [Unpublished] = (Denied, Ok), [Copy] = (Denied, Invalid),
        },
        new("api: schedule", Channel.Api, (_, c) => StepAsync(c, "publish", publishAt: ScheduleTime(c)), ScheduledAsync)
        {
            [Submitted] = (Denied, Ok), [Scheduled] = (Denied, Ok), [Unpublished] = (Denied, Ok), [Copy] = (Denied, Invalid),
        },
        new("api: take down", Channel.Api, (_, c) => StepAsync(c, "unpublish"), StatusBecomesAsync(ArticleStatus.Unpublished))
        {
            [Published] = (Denied, Ok), [Scheduled] = (Denied, Ok), [Unpublished] = (Denied, Invalid), [Copy] = (Denied, Ok),
        },

        // ---- API, one site ----
        new("api: create a story", Channel.Api, CreateThroughApiAsync, CreatedThroughApiAsync)
        {
            [Writer] = (Ok, Denied),
            [Editor] = (Ok, Denied),
            [SiteAdmin] = (Ok, Denied),
            [NetworkAdmin] = (Ok, Ok),
            [NoRole] = (Denied, Denied),
            [Anonymous] = (SignIn, SignIn),
        },
    ];

    public static TheoryData<string, Stage?, Actor, Target> Cells()
    {
        var cells = new TheoryData<string, Stage?, Actor, Target>();
        foreach (var row in Rows)
            foreach (var stage in row.Stages)
                foreach (var actor in Enum.GetValues<Actor>())
                    foreach (var target in row.Targets)
                        if (row.Expected(actor, target, stage) != None) cells.Add(row.Name, stage, actor, target);
        return cells;
    }

    [Fact]
    public void EveryRowNamesAnOutcomeForEveryActorAndTarget()
    {
        Assert.Equal(Rows.Length, Rows.Select(r => r.Name).Distinct().Count());
        Assert.All(Rows, row => Assert.All(row.Stages, stage =>
            Assert.All(Enum.GetValues<Actor>(), actor => Assert.All(row.Targets, target => row.Expected(actor, target, stage)))));
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task EachActorGetsExactlyTheOutcomeOfItsCell(string action, Stage? stage, Actor actor, Target target)
    {
        var row = Rows.Single(r => r.Name == action);
        var expected = row.Expected(actor, target, stage);
        var cell = await newsroom.ArrangeAsync(actor, target, row.Channel, stage ?? Draft);
        if (row.Arrange is not null) await row.Arrange(newsroom, cell);
        var before = await newsroom.SnapshotAsync();

        using var response = await row.Act(newsroom, cell);

        var said = $"{action} ({stage}) by {actor} on {target}: expected {expected}, got {(int)response.StatusCode} {response.Headers.Location}";
        switch (expected)
        {
            case Ok:
                await row.Succeeded(newsroom, cell, response);
                break;
            case Denied when row.Channel == Channel.Page:
                Assert.True(RedirectsTo(response, "/redaksi/ditolak"), said);
                Assert.Equal(HttpStatusCode.Forbidden, (await cell.Client.GetAsync(response.Headers.Location)).StatusCode);
                break;
            case Denied:
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, said);
                break;
            case Hidden when row.NotShown is not null:
                await row.NotShown(newsroom, cell, response);
                break;
            case Hidden:
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, said);
                break;
            case Invalid:
                Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, said);
                break;
            case SignIn when row.Channel == Channel.Page:
                Assert.True(RedirectsTo(response, "/redaksi/masuk"), said);
                break;
            case SignIn:
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, said);
                break;
            default:
                throw new InvalidOperationException($"No check for {expected}.");
        }
        if (expected != Ok || row.ReadOnly)
        {
            var after = await newsroom.SnapshotAsync();
            var difference = after.DifferenceFrom(before);
            Assert.True(difference.Length == 0, $"{said}; the store changed:\n{difference}");
        }
    }

    private static bool RedirectsTo(HttpResponseMessage response, string path) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location
        && (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]) == path;

    private const string ReturnNote = "Lengkapi sumber kedua.";

    private static string StoryUrl(MatrixCell c) => $"/redaksi/berita/{c.Story!.Id}";

    private static string Edited(MatrixCell c) => $"{c.Story!.Headline} (disunting)";

    private static DateTimeOffset ScheduleTime(MatrixCell c)
    {
        var local = LocalScheduleTime(c);
        return new DateTimeOffset(local, c.Site.TimeZone.Offset());
    }

    /// <summary>Fixed once: read the clock again when checking the result, and a minute may have turned in between.</summary>
    private static readonly DateTimeOffset ScheduleMoment = DateTimeOffset.UtcNow.AddDays(3);

    /// <summary>Three days ahead, whole minutes, as the site's clock reads it (what a datetime-local input sends).</summary>
    private static DateTime LocalScheduleTime(MatrixCell c)
    {
        var local = c.Site.TimeZone.ToLocal(ScheduleMoment).DateTime;
        return new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0);
    }

    /// <summary>Posts the story form as the actor's browser would, fields from the stored story, anti-forgery token included.</summary>
    private static Task<HttpResponseMessage> PostStoryAsync(MatrixCell c, string handler, Dictionary<string, string>? changes = null)
    {
        var s = c.Story!;
        var fields = new Dictionary<string, string>
        {
            ["Headline"] = s.Headline, ["Summary"] = s.Summary, ["SectionId"] = s.SectionId.ToString(), ["BodyHtml"] = s.BodyHtml,
            ["Dateline"] = "", ["Version"] = s.Version.ToString(), ["__RequestVerificationToken"] = c.FormToken,
        };
        foreach (var (key, value) in changes ?? []) fields[key] = value;
        return c.Client.PostAsync($"{StoryUrl(c)}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    /// <summary>A writer of the cell's site made for this cell alone, so disabling it leaves the matrix's own accounts alone.</summary>
    private static string StaffWriter(MatrixCell c) => $"staf-{c.Marker}@{c.Site.Slug}.test";

    private static Task<HttpResponseMessage> PostStaffAsync(MatrixCell c, string handler) =>
        c.Client.PostAsync($"/redaksi/staf?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = StaffWriter(c), ["__RequestVerificationToken"] = c.FormToken,
        }));

    /// <summary>The site's settings form as the page fills it, with the tagline set to the cell's marker.</summary>
    private static Task<HttpResponseMessage> PostSiteSettingsAsync(MatrixNewsroom _, MatrixCell c) =>
        c.Client.PostAsync($"/redaksi/jaringan/{c.Site.Slug}?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = c.Site.Name, ["Form.Hosts"] = string.Join('\n', c.Site.Hosts), ["Form.Tagline"] = c.Marker,
            ["Form.TimeZone"] = c.Site.TimeZone.Abbreviation(), ["Form.BrandColor"] = c.Site.BrandColor, ["Form.PromoLine"] = c.Site.PromoLine,
            ["Form.WhatsAppChannelUrl"] = c.Site.WhatsAppChannelUrl ?? "", ["Form.CopyrightHolder"] = c.Site.CopyrightHolder,
            ["Form.Dateline"] = c.Site.Dateline, ["__RequestVerificationToken"] = c.FormToken,
        }));

    private static Task<HttpResponseMessage> PostSectionAsync(MatrixNewsroom _, MatrixCell c) =>
        c.Client.PostAsync($"/redaksi/jaringan/{c.Site.Slug}?handler=Section", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["SectionSlug"] = c.Marker, ["SectionName"] = $"Rubrik {c.Marker}", ["__RequestVerificationToken"] = c.FormToken,
        }));

    private static Task<HttpResponseMessage> PostNewSiteAsync(MatrixNewsroom _, MatrixCell c) =>
        c.Client.PostAsync("/redaksi/jaringan/baru", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Slug"] = c.Marker, ["Form.Name"] = $"Situs {c.Marker}", ["Form.Hosts"] = $"{c.Marker}.test", ["Form.TimeZone"] = "WITA",
            ["Form.BrandColor"] = "#0a5c36", ["__RequestVerificationToken"] = c.FormToken,
        }));

    private const string TopStoriesPath = "utama";

    private static Task<HttpResponseMessage> PostPicksAsync(MatrixCell c, SiteInfo site, string handler, string list = "pilihan", params (string Name, string Value)[] fields) =>
        c.Client.PostAsync($"/redaksi/{list}?handler={handler}&situs={site.Slug}", new FormUrlEncodedContent(new Dictionary<string, string>(
            fields.Select(f => KeyValuePair.Create(f.Name, f.Value)))
        {
            ["articleId"] = c.Story!.Id.ToString(), ["__RequestVerificationToken"] = c.FormToken,
        }));

    /// <summary>Eight hours from now in the site's own zone, as the datetime-local field sends it.</summary>
    private static string Tonight(SiteInfo site) => site.TimeZone.ToLocal(DateTimeOffset.UtcNow.AddHours(8)).ToString("yyyy-MM-dd'T'HH:mm");

    private static Task<HttpResponseMessage> CreateOnPageAsync(MatrixNewsroom _, MatrixCell c) =>
        c.Client.PostAsync($"/redaksi/berita?handler=Create&situs={c.Site.Slug}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Headline"] = $"Berita baru {c.Marker}", ["Summary"] = "Ringkasan.", ["SectionId"] = c.Site.Sections[0].Id.ToString(),
            ["BodyHtml"] = "<p>Isi.</p>", ["Version"] = "0", ["__RequestVerificationToken"] = c.FormToken,
        }));

    private static Task<HttpResponseMessage> CreateThroughApiAsync(MatrixNewsroom _, MatrixCell c) =>
        c.Client.PostAsJsonAsync("/api/v1/articles", new
        {
            site = c.Site.Slug, section = c.Site.Sections[0].Slug, headline = $"Berita baru {c.Marker}", summary = "Ringkasan.", bodyHtml = "<p>Isi.</p>",
        });

    private static Task<HttpResponseMessage> PutAsync(MatrixNewsroom _, MatrixCell c)
    {
        var s = c.Story!;
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/articles/{s.Id}")
        {
            Content = JsonContent.Create(new { site = s.Site.Slug, section = s.SectionSlug, headline = Edited(c), summary = s.Summary, bodyHtml = s.BodyHtml }),
        };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{s.Version}\""));
        return c.Client.SendAsync(put);
    }

    private static Task<HttpResponseMessage> StepAsync(MatrixCell c, string step, string? comment = null, DateTimeOffset? publishAt = null) =>
        c.Client.PostAsJsonAsync($"/api/v1/articles/{c.Story!.Id}/{step}", new { version = c.Story.Version, comment, publishAt });

    private static async Task<AngleSharp.Dom.IDocument> PageAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode} {response.Headers.Location}");
        return Html.Parse(html);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>A page step succeeded: 200 with the "done" message; an API step: 200 with the story at its new version.</summary>
    private static async Task<Article> StepDoneAsync(MatrixNewsroom n, MatrixCell c, HttpResponseMessage response)
    {
        var stored = await n.ArticleAsync(c.Story!.Id);
        if (c.Channel == Channel.Page)
        {
            var page = await PageAsync(response);
            Assert.NotNull(page.QuerySelector("p.ok[role=status]"));
            Assert.Null(page.QuerySelector("p.error"));
        }
        else
        {
            var body = await JsonAsync(response);
            Assert.Equal(stored.Version, body.GetProperty("version").GetInt32());
            Assert.Equal($"\"{stored.Version}\"", response.Headers.ETag!.Tag);
        }
        Assert.True(stored.Version > c.Story.Version);
        return stored;
    }

    /// <summary>A story readers cannot see takes the text; one they can (or soon will) stays as it is and keeps the text as a revision.</summary>
    private static async Task AutosavedAsync(MatrixNewsroom n, MatrixCell c, HttpResponseMessage response)
    {
        var body = await JsonAsync(response);
        var stored = await n.ArticleAsync(c.Story!.Id);
        Assert.Equal(stored.Version, body.GetProperty("version").GetInt32());
        if (c.Story.Status is ArticleStatus.Published or ArticleStatus.Scheduled)
        {
            Assert.Equal((c.Story.Version, c.Story.Headline), (stored.Version, stored.Headline));
            Assert.Equal(Edited(c), await n.LatestRevisionHeadlineAsync(c.Story.Id));
        }
        else Assert.Equal(Edited(c), stored.Headline);
    }

    private static Task<HttpResponseMessage> RestoreFirstRevisionAsync(MatrixNewsroom n, MatrixCell c) =>
        c.Client.PostAsync($"{StoryUrl(c)}/revisi/1?handler=Restore", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["version"] = (c.Story!.Version + 1).ToString(), ["__RequestVerificationToken"] = c.FormToken,
        }));

    private static async Task RestoredAsync(MatrixNewsroom n, MatrixCell c, HttpResponseMessage response)
    {
        Assert.True(RedirectsTo(response, StoryUrl(c)), $"expected a redirect to the story, got {(int)response.StatusCode}");
        Assert.Equal(c.Story!.Headline, (await n.ArticleAsync(c.Story.Id)).Headline);
    }

    private static Task<HttpResponseMessage> UploadPhotoAsync(MatrixNewsroom _, MatrixCell c)
    {
        using var bitmap = new SkiaSharp.SKBitmap(64, 48);
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/redaksi/media?handler=Upload&situs={c.Site.Slug}")
        {
            Content = new MultipartFormDataContent
            {
                { new ByteArrayContent(image.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 80).ToArray()), "file", "foto.jpg" },
                { new StringContent($"Keterangan {c.Marker}"), "Caption" },
                { new StringContent("WARTA/Uji"), "Credit" },
                { new StringContent("Foto uji"), "AltText" },
                { new StringContent(c.FormToken), "__RequestVerificationToken" },
            },
        };
        request.Headers.Accept.ParseAdd("application/json");
        return c.Client.SendAsync(request);
    }

    private static async Task UploadedAsync(MatrixNewsroom n, MatrixCell c, HttpResponseMessage response)
    {
        var body = await JsonAsync(response);
        Assert.Equal($"Keterangan {c.Marker}", body.GetProperty("caption").GetString());
        Assert.Equal(c.Site.Id, body.GetProperty("siteId").GetInt32());
    }

    private static async Task SavedAsync(MatrixNewsroom n, MatrixCell c, HttpResponseMessage response)
    {
        var stored = await StepDoneAsync(n, c, response);
        Assert.Equal(Edited(c), stored.Headline);
        Assert.Equal(c.Story!.Status, stored.Status);
    }

    private static Func<MatrixNewsroom, MatrixCell, HttpResponseMessage, Task> StatusBecomesAsync(ArticleStatus status) =>
        async (n, c, response) => Assert.Equal(status, (await StepDoneAsync(n, c, response)).Status);

    private static async Task ReturnedAsync(MatrixNewsroom n, MatrixCell c, HttpResponseMessage response)
    {
        var stored = await StepDoneAsync(n, c, response);
        Assert.Equal(ArticleStatus.Draft, stored.Status);
        Assert.Equal(ReturnNote, stored.ReturnComment);
    }

    private static async Task PublishedNowAsync(MatrixNewsroom n, MatrixCell c, HttpResponseMessage response)
    {
        var stored = await StepDoneAsync(n, c, response);
        Assert.Equal(ArticleStatus.Published, stored.Status);
        Assert.InRange(stored.PublishedAt!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    private static async Task ScheduledAsync(MatrixNewsroom n, MatrixCell c, HttpResponseMessage response)
    {
        var stored = await StepDoneAsync(n, c, response);
        Assert.Equal(ArticleStatus.Scheduled, stored.Status);
        Assert.Equal(ScheduleTime(c), stored.PublishedAt);
    }

    private static async Task ShowsTheStoryAsync(MatrixNewsroom _, MatrixCell c, HttpResponseMessage response)
    {
        var page = await PageAsync(response);
        Assert.Equal(c.Story!.Headline, page.QuerySelector("input#headline")!.GetAttribute("value"));
        Assert.Equal(c.Story.Version.ToString(), page.QuerySelector("input[name=Version]")!.GetAttribute("value"));
    }

    /// <summary>The link leads to the reader page of the draft on its own site, which no cookie is needed for.</summary>
    private static async Task PreviewShowsTheDraftAsync(MatrixNewsroom n, MatrixCell c, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var link = new Uri(new Uri("http://localhost"), response.Headers.Location!);
        Assert.StartsWith("/pratinjau/", link.AbsolutePath);
        var preview = await n.App.ClientFor(link.Host).GetStringAsync(link.PathAndQuery);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(c.Story!.Headline), preview);
    }

    private static async Task ApiReturnsTheStoryAsync(MatrixNewsroom _, MatrixCell c, HttpResponseMessage response)
    {
        var body = await JsonAsync(response);
        Assert.Equal(c.Story!.Id, body.GetProperty("id").GetInt32());
        Assert.Equal(c.Story.Headline, body.GetProperty("headline").GetString());
        Assert.Equal($"\"{c.Story.Version}\"", response.Headers.ETag!.Tag);
    }

    private static async Task DashboardListsTheStoryAsync(MatrixNewsroom _, MatrixCell c, HttpResponseMessage response)
    {
        var page = await PageAsync(response);
        var desk = page.QuerySelector($"section[aria-labelledby='desk-{c.Site.Slug}']")!;
        var waiting = desk.QuerySelectorAll("h3").Single(h => h.Text() == "Menunggu editor").NextElementSibling!;
        Assert.Single(waiting.QuerySelectorAll("a"), a => a.GetAttribute("href") == StoryUrl(c));
    }

    private static async Task DashboardLeavesTheStoryOutAsync(MatrixNewsroom _, MatrixCell c, HttpResponseMessage response)
    {
        var page = await PageAsync(response);
        Assert.DoesNotContain(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == StoryUrl(c));
        Assert.DoesNotContain(c.Story!.Headline, page.Body!.TextContent);
    }

    private static async Task DashboardShowsTheDeskAsync(MatrixNewsroom _, MatrixCell c, HttpResponseMessage response)
    {
        var page = await PageAsync(response);
        Assert.Equal(c.Site.Name, page.QuerySelector($"#desk-{c.Site.Slug}").Text());
        Assert.NotNull(page.QuerySelector($"a.write[href='/redaksi/berita?situs={c.Site.Slug}']"));
    }

    private static async Task DashboardLeavesTheDeskOutAsync(MatrixNewsroom _, MatrixCell c, HttpResponseMessage response)
    {
        var page = await PageAsync(response);
        Assert.Null(page.QuerySelector($"#desk-{c.Site.Slug}"));
        Assert.Null(page.QuerySelector($"a[href*='situs={c.Site.Slug}']"));
    }

    private static async Task ShowsTheNewStoryFormAsync(MatrixNewsroom _, MatrixCell c, HttpResponseMessage response)
    {
        var page = await PageAsync(response);
        var action = page.QuerySelector("form.editor")!.GetAttribute("action")!;
        Assert.StartsWith("/redaksi/berita?", action);
        Assert.Equal(["handler=Create", $"situs={c.Site.Slug}"], action.Split('?')[1].Split('&').Order());
    }

    private static async Task CreatedOnPageAsync(MatrixNewsroom n, MatrixCell c, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Matches(@"^/redaksi/berita/\d+$", response.Headers.Location!.OriginalString);
        var id = int.Parse(response.Headers.Location.OriginalString.Split('/')[^1]);
        await StoredAsCreatedAsync(n, c, id);
    }

    private static async Task CreatedThroughApiAsync(MatrixNewsroom n, MatrixCell c, HttpResponseMessage response)
    {
        var body = await JsonAsync(response, HttpStatusCode.Created);
        var id = body.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/articles/{id}", response.Headers.Location!.OriginalString);
        await StoredAsCreatedAsync(n, c, id);
    }

    private static async Task StoredAsCreatedAsync(MatrixNewsroom n, MatrixCell c, int id)
    {
        var stored = await n.ArticleAsync(id);
        Assert.Equal((c.Site.Id, $"Berita baru {c.Marker}", ArticleStatus.Draft, c.UserId), (stored.SiteId, stored.Headline, stored.Status, stored.CreatedById));
    }

    private static async Task StaffListShowsTheWriterAsync(MatrixNewsroom _, MatrixCell c, HttpResponseMessage response)
    {
        var page = await PageAsync(response);
        var row = Assert.Single(page.QuerySelectorAll("table.staff tbody tr"), tr => tr.QuerySelectorAll("td")[1].Text() == StaffWriter(c));
        Assert.Equal(("Penulis " + c.Site.Name, "Aktif"), (row.QuerySelectorAll("td")[2].Text(), row.QuerySelector("td.state").Text()));
    }

    private static async Task StaffListLeavesTheWriterOutAsync(MatrixNewsroom _, MatrixCell c, HttpResponseMessage response)
    {
        var page = await PageAsync(response);
        Assert.DoesNotContain(StaffWriter(c), page.Body!.TextContent);
        Assert.NotEmpty(page.QuerySelectorAll("table.staff tbody tr"));
    }

    private static async Task WriterDisabledAsync(MatrixNewsroom n, MatrixCell c, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/redaksi/staf", response.Headers.Location!.OriginalString);
        Assert.NotNull(await n.App.WithDbAsync(db => db.Users.Where(u => u.Email == StaffWriter(c)).Select(u => u.DisabledAt).SingleAsync()));
    }

    private static async Task ShowsTheNetworkAsync(MatrixNewsroom _, MatrixCell c, HttpResponseMessage response)
    {
        var page = await PageAsync(response);
        Assert.Equal("Jaringan", page.QuerySelector("h1").Text());
        Assert.Contains(page.QuerySelectorAll("table.sites a"), a => a.GetAttribute("href") == $"/redaksi/jaringan/{c.Site.Slug}" && a.Text() == c.Site.Name);
    }

    private static async Task ShowsTheSiteSettingsAsync(MatrixNewsroom _, MatrixCell c, HttpResponseMessage response)
    {
        var page = await PageAsync(response);
        Assert.Equal(c.Site.Name, page.QuerySelector("h1").Text());
        Assert.Equal(string.Join('\n', c.Site.Hosts), page.QuerySelector("textarea[name='Form.Hosts']")!.TextContent.Trim());
    }

    private static async Task SiteTaglineIsTheMarkerAsync(MatrixNewsroom n, MatrixCell c, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/redaksi/jaringan/{c.Site.Slug}", response.Headers.Location!.OriginalString);
        Assert.Equal(c.Marker, await n.App.WithDbAsync(db => db.Sites.Where(s => s.Id == c.Site.Id).Select(s => s.Tagline).SingleAsync()));
    }

    private static async Task SectionAddedAsync(MatrixNewsroom n, MatrixCell c, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"Rubrik {c.Marker}", await n.App.WithDbAsync(db => db.Sections.Where(s => s.SiteId == c.Site.Id && s.Slug == c.Marker).Select(s => s.Name).SingleAsync()));
    }

    private static async Task SiteCreatedAsync(MatrixNewsroom n, MatrixCell c, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/redaksi/jaringan/{c.Marker}", response.Headers.Location!.OriginalString);
        var created = await n.App.WithDbAsync(db => db.Sites.Include(s => s.Hosts).SingleAsync(s => s.Slug == c.Marker));
        Assert.Equal(($"Situs {c.Marker}", IndonesianTimeZone.Wita, $"{c.Marker}.test", $"{c.Marker.ToUpperInvariant()}.TEST", false),
            (created.Name, created.TimeZone, created.Hosts.Single().Name, created.Dateline, created.IsDefault));
    }

    private static async Task ShowsThePicksPageAsync(MatrixNewsroom _, MatrixCell c, HttpResponseMessage response)
    {
        var page = await PageAsync(response);
        Assert.Equal("Berita Pilihan", page.QuerySelector("h1").Text());
        Assert.Contains(c.Site.Name, page.QuerySelector("main p").Text());
    }

    private static async Task StaticPageSavedAsync(MatrixNewsroom n, MatrixCell c, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"Kontak {c.Marker}", (await n.StaticPageAsync(c.Site, "kontak"))!.Title);
    }

    private static async Task ShowsTheStaticPagesAsync(MatrixNewsroom _, MatrixCell c, HttpResponseMessage response)
    {
        var page = await PageAsync(response);
        Assert.Equal("Halaman statis", page.QuerySelector("h1").Text());
        Assert.Equal(StaticPages.Standard.Select(s => s.Slug), page.QuerySelectorAll(".recent a").Select(a => a.GetAttribute("href")!.Split('?')[0].Split('/').Last()));
    }

    private static async Task ShowsTheTopStoriesPageAsync(MatrixNewsroom _, MatrixCell c, HttpResponseMessage response)
    {
        var page = await PageAsync(response);
        Assert.Equal("Berita Utama", page.QuerySelector("h1").Text());
        Assert.Contains(c.Site.Sections[0].Name, page.QuerySelectorAll(".blocks li > span:first-child").Select(s => s.Text()));
    }

    /// <summary>Picks after the step; -1 stands for the bystander story the arrangement put beside the target.</summary>
    private static Func<MatrixNewsroom, MatrixCell, HttpResponseMessage, Task> PicksBecomeAsync(Func<MatrixCell, int[]> expected, bool onSiteA = false, HomeList list = HomeList.Picks) =>
        async (n, c, response) =>
        {
            var site = onSiteA ? n.SiteA : c.Site;
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal($"/redaksi/{(list == HomeList.TopStories ? TopStoriesPath : "pilihan")}?situs={site.Slug}", response.Headers.Location!.OriginalString);
            var bystander = n.Bystander(site);
            Assert.Equal(expected(c).Select(id => id == -1 ? bystander : id), await n.PicksAsync(site, list));
        };

    private static async Task PinnedAsync(MatrixNewsroom n, MatrixCell c, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var pin = (await n.TopStoryAsync(c.Site, c.Story!.Id)).PinnedUntil!.Value;
        Assert.InRange(pin - DateTimeOffset.UtcNow, TimeSpan.FromHours(7.9), TimeSpan.FromHours(8));
    }

    private static async Task BlockHiddenAsync(MatrixNewsroom n, MatrixCell c, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/redaksi/utama?situs={c.Site.Slug}", response.Headers.Location!.OriginalString);
        Assert.True((await n.SectionAsync(c.Site.Sections[0].Id)).HiddenOnHome);
    }

    private static async Task AuditShowsTheEntryAsync(MatrixNewsroom _, MatrixCell c, HttpResponseMessage response)
    {
        var page = await PageAsync(response);
        var row = Assert.Single(page.QuerySelectorAll("table.audit tbody tr"), tr => tr.Text().Contains(c.Marker));
        Assert.Equal(c.Site.Name, row.QuerySelectorAll("td")[1].Text());
    }

    private static async Task AuditLeavesTheEntryOutAsync(MatrixNewsroom _, MatrixCell c, HttpResponseMessage response)
    {
        var page = await PageAsync(response);
        Assert.DoesNotContain(c.Marker, page.Body!.TextContent);
        Assert.DoesNotContain(page.QuerySelectorAll("table.audit tbody tr td:nth-child(2)"), td => td.Text() == c.Site.Name);
    }
}
