using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Publishing;
using Warta.Accounts;
using Warta.Content;
using Warta.Network;
using Warta.Newsroom;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Newsroom;

/// <summary>Who asks, in the authorization matrix. Site roles are on site A (nasional).</summary>
public enum Actor
{
    Writer,
    Editor,
    SiteAdmin,
    NetworkAdmin,

    /// <summary>Signed in, with an account and a token, but no role anywhere.</summary>
    NoRole,

    /// <summary>No cookie, no token.</summary>
    Anonymous,
}

/// <summary>What the request is about: a story (by its owner and site) or a site.</summary>
public enum Target
{
    /// <summary>A story on site A started by the actor.</summary>
    OwnStory,

    /// <summary>A story on site A started by another writer of A.</summary>
    ColleaguesStory,

    /// <summary>A story on site B (solo) started by a writer of B.</summary>
    OtherSitesStory,

    OwnSite,
    OtherSite,
}

/// <summary>The state a story is put in before the request.</summary>
public enum Stage
{
    Draft,
    Submitted,
    Published,

    /// <summary>Scheduled three days ahead.</summary>
    Scheduled,

    /// <summary>Published, then taken down.</summary>
    Unpublished,

    /// <summary>A syndicated copy: a published story of the other site, taken onto this one.</summary>
    Copy,
}

/// <summary>The story a cell acts on, as it was stored just before the request.</summary>
public sealed record MatrixStory(int Id, SiteInfo Site, int SectionId, string SectionSlug, string Headline, string Summary, string BodyHtml, int Version, ArticleStatus Status);

/// <summary>One cell of the matrix, arranged and ready to send.</summary>
public sealed record MatrixCell(Actor Actor, Target Target, Channel Channel, HttpClient Client, string FormToken, int? UserId, SiteInfo Site, MatrixStory? Story, string Marker);

/// <summary>
/// What the store holds, reduced to what a request could change: every article field, revisions,
/// picks, audit entries, change records, roles, security stamps, and every site with its hosts and sections. Token "last used" times are left
/// out on purpose.
/// </summary>
public sealed record StoreSnapshot(IReadOnlyList<string> Articles, int Revisions, string Picks, int AuditEntries, int Changes, int Roles, string SecurityStamps, int Photos,
    IReadOnlyList<string> Sites)
{
    public static Task<StoreSnapshot> TakeAsync(WartaApp app) =>
        app.WithDbAsync(async db =>
        {
            var articles = (await db.Articles.AsNoTracking().OrderBy(a => a.Id).ToListAsync())
                .Select(a => string.Join('|', a.Id, a.SiteId, a.SectionId, a.Status, a.Version, a.Headline, a.Summary, a.Dateline, a.BodyHtml,
                    a.PublishedAt?.ToUnixTimeMilliseconds(), a.UpdatedAt?.ToUnixTimeMilliseconds(), a.ReturnComment, a.CreatedById, a.EditorId, a.Slug))
                .ToList();
            var picks = string.Join(",", (await db.Set<EditorsPick>().AsNoTracking().ToListAsync())
                .OrderBy(p => p.SiteId).ThenBy(p => p.List).ThenBy(p => p.Position).Select(p => $"{p.SiteId}:{p.List}:{p.ArticleId}@{p.Position}~{p.PinnedUntil?.ToUnixTimeSeconds()}"));
            var stamps = string.Join(",", await db.Users.OrderBy(u => u.Id).Select(u => u.SecurityStamp + (u.DisabledAt == null ? "" : " (nonaktif)")).ToListAsync());
            var sections = (await db.Sections.AsNoTracking().ToListAsync()).ToLookup(c => c.SiteId, c => $"{c.Slug}:{c.Name}@{c.Position}/{c.HomePosition}{(c.HiddenOnHome ? "-" : "+")}");
            var pages = (await db.StaticPages.AsNoTracking().ToListAsync()).ToLookup(p => p.SiteId, p => $"{p.Slug}:{p.Title}:{p.BodyHtml.GetHashCode()}");
            var sites = (await db.Sites.AsNoTracking().Include(x => x.Hosts).OrderBy(x => x.Id).ToListAsync())
                .Select(x => string.Join('|', x.Id, x.Slug, x.Name, x.Tagline, x.Dateline, x.TimeZone, x.PromoLine, x.BrandColor, x.WhatsAppChannelUrl,
                    x.CopyrightHolder, x.IsDefault, string.Join(' ', x.Hosts.Select(h => h.Name)), string.Join(' ', sections[x.Id].Order()), string.Join(' ', pages[x.Id].Order())))
                .ToList();
            return new StoreSnapshot(articles, await db.ArticleRevisions.CountAsync(), picks, await db.Set<AuditEntry>().CountAsync(),
                await db.ArticleChanges.CountAsync(), await db.Set<SiteRole>().CountAsync(), stamps, await db.Media.CountAsync(), sites);
        });

    public string DifferenceFrom(StoreSnapshot before)
    {
        var lines = new List<string>();
        lines.AddRange(before.Articles.Except(Articles).Select(a => $"article before: {a}"));
        lines.AddRange(Articles.Except(before.Articles).Select(a => $"article after:  {a}"));
        if (Revisions != before.Revisions) lines.Add($"revisions {before.Revisions} -> {Revisions}");
        if (Picks != before.Picks) lines.Add($"picks {before.Picks} -> {Picks}");
        if (AuditEntries != before.AuditEntries) lines.Add($"audit entries {before.AuditEntries} -> {AuditEntries}");
        if (Changes != before.Changes) lines.Add($"change records {before.Changes} -> {Changes}");
        if (Roles != before.Roles) lines.Add($"roles {before.Roles} -> {Roles}");
        if (Photos != before.Photos) lines.Add($"photos {before.Photos} -> {Photos}");
        lines.AddRange(before.Sites.Except(Sites).Select(x => $"site before: {x}"));
        lines.AddRange(Sites.Except(before.Sites).Select(x => $"site after:  {x}"));
        if (SecurityStamps != before.SecurityStamps) lines.Add("a security stamp or an account's state changed (someone was signed out everywhere, or disabled)");
        return string.Join("\n", lines);
    }
}

/// <summary>
/// One newsroom for the whole matrix: site A (nasional) with a writer, a colleague writer, an editor
/// and a site admin; site B (solo) with its own writer; a network admin; an account without a role.
/// Each actor has a signed-in browser (cookie and its anti-forgery token) and an API token. Every
/// cell arranges its own fresh story, and the next cell deletes it, so no cell depends on what another did.
/// </summary>
public sealed class MatrixNewsroom : IAsyncLifetime
{
    private const string ColleagueEmail = "kolega@nasional.test";
    private const string SoloWriterEmail = "penulis@solo.test";
    private static readonly Dictionary<Actor, (string Email, string? Site, StaffRole? Role)> Accounts = new()
    {
        [Actor.Writer] = ("penulis@nasional.test", "nasional", StaffRole.Writer),
        [Actor.Editor] = ("editor@nasional.test", "nasional", StaffRole.Editor),
        [Actor.SiteAdmin] = ("admin@nasional.test", "nasional", StaffRole.SiteAdmin),
        [Actor.NetworkAdmin] = ("jaringan@warta.test", null, StaffRole.NetworkAdmin),
        [Actor.NoRole] = ("tanpa-peran@warta.test", null, null),
    };

    private readonly Dictionary<Actor, HttpClient> _pages = [];
    private readonly Dictionary<Actor, string> _formTokens = [];
    private readonly Dictionary<Actor, HttpClient> _api = [];
    private readonly Dictionary<Actor, int> _userIds = [];
    private int _colleagueId;
    private int _soloWriterId;
    private ClaimsPrincipal _setup = null!;
    private readonly Dictionary<int, int> _bystanders = [];
    private int _counter;
    private int _firstIdOfCell;

    public WartaApp App { get; private set; } = null!;
    public SiteInfo SiteA { get; private set; } = null!;
    public SiteInfo SiteB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await WartaApp.StartAsync();
        var sites = App.Services.GetRequiredService<SiteDirectory>();
        SiteA = sites.FindBySlug("nasional")!;
        SiteB = sites.FindBySlug("solo")!;

        foreach (var (actor, (email, site, role)) in Accounts)
        {
            if (role is { } granted) await App.AddStaffAsync(email, site, granted);
            else await App.WithScopeAsync(async services =>
            {
                var created = await services.GetRequiredService<UserManager<StaffUser>>()
                    .CreateAsync(new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Tanpa Peran" }, Staff.Password);
                Assert.True(created.Succeeded);
            });
            _userIds[actor] = await UserIdAsync(email);

            var browser = App.ClientFor();
            var signIn = await browser.SignInAsync(email, Staff.Password);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            _pages[actor] = browser;
            _formTokens[actor] = await FormTokenAsync(browser, "/redaksi/keluar");

            var api = App.ClientFor();
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(email));
            _api[actor] = api;
        }
        // A stranger still gets an anti-forgery token from the sign-in form; sending it shows that
        // the refusal comes from the missing sign-in, not from a missing token.
        _pages[Actor.Anonymous] = App.ClientFor();
        _formTokens[Actor.Anonymous] = await FormTokenAsync(_pages[Actor.Anonymous], "/redaksi/masuk");
        _api[Actor.Anonymous] = App.ClientFor();

        await App.AddStaffAsync(ColleagueEmail, "nasional", StaffRole.Writer);
        await App.AddStaffAsync(SoloWriterEmail, "solo", StaffRole.Writer);
        _colleagueId = await UserIdAsync(ColleagueEmail);
        _soloWriterId = await UserIdAsync(SoloWriterEmail);
        _setup = await PrincipalAsync(Accounts[Actor.NetworkAdmin].Email);
        foreach (var (site, writer) in new[] { (SiteA, _colleagueId), (SiteB, _soloWriterId) })
            _bystanders[site.Id] = (await StoryAsync(site, writer, Stage.Published, $"Berita pendamping {site.Slug}")).Id;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _pages.Values.Concat(_api.Values)) client.Dispose();
        if (App is not null) await App.DisposeAsync();
    }

    public async Task<MatrixCell> ArrangeAsync(Actor actor, Target target, Channel channel, Stage stage)
    {
        var marker = $"matriks-{Interlocked.Increment(ref _counter):D5}";
        // The previous cell's stories go (their revisions, tags and picks with them): the snapshot
        // reads every article, and a table growing by a story per cell made the matrix quadratic.
        if (_firstIdOfCell > 0) await App.WithDbAsync(db => db.Articles.Where(a => a.Id >= _firstIdOfCell).ExecuteDeleteAsync());
        _firstIdOfCell = await App.WithDbAsync(db => db.Articles.MaxAsync(a => (int?)a.Id)) + 1 ?? 1;
        var client = channel == Channel.Page ? _pages[actor] : _api[actor];
        int? userId = _userIds.TryGetValue(actor, out var id) ? id : null;
        if (target is Target.OwnSite or Target.OtherSite)
            return new MatrixCell(actor, target, channel, client, _formTokens[actor], userId, target == Target.OwnSite ? SiteA : SiteB, null, marker);

        var (site, owner) = target switch
        {
            Target.OwnStory => (SiteA, userId ?? throw new InvalidOperationException($"{actor} cannot own a story.")),
            Target.ColleaguesStory => (SiteA, _colleagueId),
            _ => (SiteB, _soloWriterId),
        };
        var story = await StoryAsync(site, owner, stage, $"Berita {marker} untuk {actor}");
        return new MatrixCell(actor, target, channel, client, _formTokens[actor], userId, site, story, marker);
    }

    /// <summary>A story made and moved by the network admin through the workflow, then handed to its owner.</summary>
    public async Task<MatrixStory> StoryAsync(SiteInfo site, int owner, Stage stage, string headline)
    {
        var id = 0;
        await App.WithScopeAsync(async services =>
        {
            var workflow = services.GetRequiredService<ArticleWorkflow>();
            var home = stage == Stage.Copy ? SisterOf(site) : site;
            var created = await workflow.CreateAsync(_setup, home.Id, new ArticleDraft(headline, $"Ringkasan {headline}.", home.Sections[0].Id, "<p>Paragraf pertama.</p>"));
            Assert.True(created.Succeeded, created.Message);
            id = created.ArticleId;
            var moved = stage switch
            {
                Stage.Submitted => await workflow.SubmitAsync(_setup, id, created.Version),
                Stage.Published or Stage.Copy => await workflow.PublishAsync(_setup, id, created.Version),
                Stage.Scheduled => await workflow.PublishAsync(_setup, id, created.Version, at: DateTimeOffset.UtcNow.AddDays(3)),
                Stage.Unpublished => await workflow.UnpublishAsync(_setup, id, (await workflow.PublishAsync(_setup, id, created.Version)).Version),
                _ => created,
            };
            Assert.True(moved.Succeeded, moved.Message);
            if (stage == Stage.Copy)
            {
                var copy = await workflow.SyndicateAsync(_setup, id, site.Id, site.Sections[0].Id, CancellationToken.None);
                Assert.True(copy.Succeeded, copy.Message);
                id = copy.ArticleId;
            }
            await services.GetRequiredService<Warta.Data.WartaDbContext>().Articles.Where(a => a.Id == id)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.CreatedById, owner));
        });
        return await StoryAsync(id);
    }

    public Task<MatrixStory> StoryAsync(int id) =>
        App.WithDbAsync(async db =>
        {
            var a = await db.Articles.AsNoTracking().Include(a => a.Section).SingleAsync(a => a.Id == id);
            var site = App.Services.GetRequiredService<SiteDirectory>().FindById(a.SiteId)!;
            return new MatrixStory(a.Id, site, a.SectionId, a.Section!.Slug, a.Headline, a.Summary, a.BodyHtml, a.Version, a.Status);
        });

    /// <summary>Changes a story's headline as a later save would, so restoring revision 1 has something to undo.</summary>
    public Task RenameAsync(int id, string headline) =>
        App.WithDbAsync(db => db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(set => set.SetProperty(a => a.Headline, headline).SetProperty(a => a.Version, a => a.Version + 1)));

    public Task<string> LatestRevisionHeadlineAsync(int id) =>
        App.WithDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == id).OrderByDescending(r => r.Number).Select(r => r.Headline).FirstAsync());

    public Task<Article> ArticleAsync(int id) => App.WithDbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == id));

    /// <summary>Replaces a site's Berita Pilihan with the given stories, in order.</summary>
    public Task SetPicksAsync(SiteInfo site, params int[] articleIds) => SetListAsync(site, HomeList.Picks, articleIds);

    /// <summary>Replaces one of a site's home-page lists with the given stories, in order, and empties the other.</summary>
    public Task SetListAsync(SiteInfo site, HomeList list, params int[] articleIds) =>
        App.WithDbAsync(async db =>
        {
            await db.Set<EditorsPick>().Where(p => p.SiteId == site.Id).ExecuteDeleteAsync();
            db.Set<EditorsPick>().AddRange(articleIds.Select((articleId, position) =>
                new EditorsPick { SiteId = site.Id, List = list, ArticleId = articleId, Position = position, AddedAt = DateTimeOffset.UtcNow }));
            return await db.SaveChangesAsync();
        });

    public Task<int[]> PicksAsync(SiteInfo site, HomeList list = HomeList.Picks) =>
        App.WithDbAsync(db => db.Set<EditorsPick>().Where(p => p.SiteId == site.Id && p.List == list).OrderBy(p => p.Position).Select(p => p.ArticleId).ToArrayAsync());

    public Task<EditorsPick> TopStoryAsync(SiteInfo site, int articleId) =>
        App.WithDbAsync(db => db.Set<EditorsPick>().AsNoTracking().SingleAsync(p => p.SiteId == site.Id && p.List == HomeList.TopStories && p.ArticleId == articleId));

    public Task<StaticPage?> StaticPageAsync(SiteInfo site, string slug) =>
        App.WithDbAsync(db => db.StaticPages.AsNoTracking().SingleOrDefaultAsync(p => p.SiteId == site.Id && p.Slug == slug));

    public Task<Section> SectionAsync(int sectionId) => App.WithDbAsync(db => db.Sections.AsNoTracking().SingleAsync(s => s.Id == sectionId));

    /// <summary>A published story of the site that no cell touches, to stand beside the target in the picks.</summary>
    public int Bystander(SiteInfo site) => _bystanders[site.Id];

    /// <summary>Makes the story the oldest of its site, so a list that shows the oldest ten first shows it.</summary>
    public Task MakeOldestAsync(int articleId) =>
        App.WithDbAsync(async db =>
        {
            var oldest = (await db.Articles.Select(a => a.CreatedAt).ToListAsync()).Min();
            return await db.Articles.Where(a => a.Id == articleId).ExecuteUpdateAsync(a => a.SetProperty(x => x.CreatedAt, oldest.AddMinutes(-1)));
        });

    public Task RecordAuditAsync(SiteInfo site, string subject) =>
        App.WithScopeAsync(services => services.GetRequiredService<AuditLog>().RecordNowAsync(AuditActions.PicksChanged, null, site.Id, subject, actor: "matriks"));

    public Task<StoreSnapshot> SnapshotAsync() => StoreSnapshot.TakeAsync(App);

    private SiteInfo SisterOf(SiteInfo site) => site.Id == SiteA.Id ? SiteB : SiteA;

    private Task<int> UserIdAsync(string email) =>
        App.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private async Task<ClaimsPrincipal> PrincipalAsync(string email)
    {
        ClaimsPrincipal? principal = null;
        await App.WithScopeAsync(async services =>
        {
            var user = await services.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email);
            principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>().CreateAsync(user!);
        });
        return principal!;
    }

    private async Task<string> TokenAsync(string email)
    {
        var token = "";
        await App.WithScopeAsync(async services => token = (await services.GetRequiredService<PersonalAccessTokens>().CreateAsync(email, "matriks"))!.Value.Token);
        return token;
    }

    /// <summary>An anti-forgery token is valid for every form of the same session, so one per browser is enough.</summary>
    private static async Task<string> FormTokenAsync(HttpClient client, string page)
    {
        var (response, document) = await client.GetPageAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }
}
