using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
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

/// <summary>
/// A token is only as strong as its owner is now: revoked, locked out or stripped of a role, it stops
/// working at the next request, and a refused request changes nothing.
/// </summary>
public sealed class TokenAuthorityTests
{
    private const string EditorEmail = "editor@nasional.test";

    /// <summary>A story waiting for an editor on nasional, written by someone else.</summary>
    private static async Task<Article> WaitingStoryAsync(WartaApp app)
    {
        var writer = await app.StaffPrincipalAsync("penulis@nasional.test", "nasional", StaffRole.Writer);
        var id = 0;
        await app.WithScopeAsync(async services =>
        {
            var workflow = services.GetRequiredService<ArticleWorkflow>();
            var section = services.GetRequiredService<SiteDirectory>().FindBySlug("nasional")!.Sections[0].Id;
            var created = await workflow.CreateAsync(writer, NasionalId(app), new ArticleDraft("Tarif Tol Naik Bulan Depan", "Ringkasan.", section, "<p>Isi.</p>"));
            id = created.ArticleId;
            Assert.True((await workflow.SubmitAsync(writer, id, created.Version)).Succeeded);
        });
        return await StoredAsync(app, id);
    }

    private static int NasionalId(WartaApp app) => app.Services.GetRequiredService<SiteDirectory>().FindBySlug("nasional")!.Id;

    private static Task<Article> StoredAsync(WartaApp app, int id) => app.WithDbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == id));

    private static Task<int> RevisionsAsync(WartaApp app, int id) => app.WithDbAsync(db => db.ArticleRevisions.CountAsync(r => r.ArticleId == id));

    private static Task SetRolesAsync(WartaApp app, string email, params (string? Site, StaffRole Role)[] roles) =>
        app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            await db.Set<SiteRole>().Where(r => r.UserId == user.Id).ExecuteDeleteAsync();
            var sites = app.Services.GetRequiredService<SiteDirectory>();
            db.Set<SiteRole>().AddRange(roles.Select(r => new SiteRole { UserId = user.Id, SiteId = r.Site is null ? null : sites.FindBySlug(r.Site)!.Id, Role = r.Role }));
            return await db.SaveChangesAsync();
        });

    private static Task<HttpResponseMessage> PublishAsync(HttpClient client, Article story) =>
        client.PostAsJsonAsync($"/api/v1/articles/{story.Id}/publish", new { version = story.Version });

    [Fact]
    public async Task ARevokedTokenIsRefusedWith401AndChangesNothing()
    {
        await using var app = await WartaApp.StartAsync();
        await app.AddStaffAsync(EditorEmail, "nasional", StaffRole.Editor);
        var editor = await app.TokenClientAsync(EditorEmail);
        var story = await WaitingStoryAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync($"/api/v1/articles/{story.Id}")).StatusCode);
        var revisions = await RevisionsAsync(app, story.Id);

        await app.WithScopeAsync(async services =>
            Assert.Equal(1, await services.GetRequiredService<PersonalAccessTokens>().RevokeAsync(editor.DefaultRequestHeaders.Authorization!.Parameter![..14])));
        var publish = await PublishAsync(editor, story);
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/articles/{story.Id}")
        {
            Content = JsonContent.Create(new { site = "nasional", section = "ekonomi", headline = "Diganti" }),
        };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{story.Version}\""));
        var save = await editor.SendAsync(put);
        var create = await editor.PostAsJsonAsync("/api/v1/articles", new { site = "nasional", section = "ekonomi", headline = "Titipan" });
        var read = await editor.GetAsync($"/api/v1/articles/{story.Id}");

        Assert.Equal(HttpStatusCode.Unauthorized, publish.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, save.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        var after = await StoredAsync(app, story.Id);
        Assert.Equal((ArticleStatus.Submitted, story.Version, story.Headline), (after.Status, after.Version, after.Headline));
        Assert.Equal(revisions, await RevisionsAsync(app, story.Id));
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Headline == "Titipan")));
    }

    [Fact]
    public async Task ATokenActsWithItsOwnersRolesAsTheyAreAtEachRequest()
    {
        await using var app = await WartaApp.StartAsync();
        await app.AddStaffAsync(EditorEmail, "nasional", StaffRole.Editor);
        var token = await app.TokenClientAsync(EditorEmail);
        var story = await WaitingStoryAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync($"/api/v1/articles/{story.Id}")).StatusCode);

        await SetRolesAsync(app, EditorEmail);
        var noRoleRead = await token.GetAsync($"/api/v1/articles/{story.Id}");
        var noRolePublish = await PublishAsync(token, story);
        // A story the token may no longer open is not there for it (as for a missing id).
        Assert.Equal(HttpStatusCode.NotFound, noRoleRead.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noRolePublish.StatusCode);

        await SetRolesAsync(app, EditorEmail, ("nasional", StaffRole.Writer));
        var writerRead = await token.GetAsync($"/api/v1/articles/{story.Id}");
        var writerPublish = await PublishAsync(token, story);
        // A writer opens only their own stories: this one is a colleague's.
        Assert.Equal(HttpStatusCode.NotFound, writerRead.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, writerPublish.StatusCode);

        await SetRolesAsync(app, EditorEmail, ("solo", StaffRole.Editor));
        var movedRead = await token.GetAsync($"/api/v1/articles/{story.Id}");
        var movedPublish = await PublishAsync(token, story);
        Assert.Equal(HttpStatusCode.NotFound, movedRead.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, movedPublish.StatusCode);
        var unchanged = await StoredAsync(app, story.Id);
        Assert.Equal((ArticleStatus.Submitted, story.Version), (unchanged.Status, unchanged.Version));

        await SetRolesAsync(app, EditorEmail, ("nasional", StaffRole.Editor));
        var restored = await PublishAsync(token, story);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal(ArticleStatus.Published, (await StoredAsync(app, story.Id)).Status);
    }

    [Fact]
    public async Task ALockedOutAccountsTokenIsRefused()
    {
        await using var app = await WartaApp.StartAsync();
        await app.AddStaffAsync(EditorEmail, "nasional", StaffRole.Editor);
        var token = await app.TokenClientAsync(EditorEmail);
        var story = await WaitingStoryAsync(app);

        await app.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<StaffUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(EditorEmail))!, DateTimeOffset.UtcNow.AddMinutes(15));
        });
        var publish = await PublishAsync(token, story);

        Assert.Equal(HttpStatusCode.Unauthorized, publish.StatusCode);
        Assert.Equal(ArticleStatus.Submitted, (await StoredAsync(app, story.Id)).Status);
    }

    [Fact]
    public async Task ARoleTakenAwayReachesASignedInSessionAtTheNextCheck()
    {
        await using var app = await WartaApp.StartAsync(settings: new() { ["Warta:Accounts:SessionCheckInterval"] = "00:00:00" });
        await app.AddStaffAsync(EditorEmail, "nasional", StaffRole.Editor);
        var browser = app.ClientFor();
        await browser.SignInAsync(EditorEmail, Staff.Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/redaksi/pilihan?situs=nasional")).StatusCode);

        await SetRolesAsync(app, EditorEmail, ("nasional", StaffRole.Writer));
        var picks = await browser.GetAsync("/redaksi/pilihan?situs=nasional");
        var (_, dashboard) = await browser.GetPageAsync("/redaksi");

        Assert.Equal(HttpStatusCode.Redirect, picks.StatusCode);
        Assert.Equal("/redaksi/ditolak", picks.Headers.Location!.AbsolutePath);
        Assert.Equal("Penulis WartaNasional", dashboard.QuerySelector(".role").Text());
    }
}
