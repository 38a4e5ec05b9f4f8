using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Accounts;
using Warta.Network;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Accounts;

/// <summary>Switching accounts off and on, and who may: the account's open tab and token are what must stop.</summary>
public sealed class StaffManagementTests(SharedApp shared) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task ADisabledWritersOpenTabAndTokenStopAtOnceAndSigningInSaysWhyOnlyWithThePassword()
    {
        var app = await shared.AppAsync();
        var writer = await app.StaffPrincipalAsync("laras@nasional.test", "nasional", StaffRole.Writer);
        var story = await app.StepAsync(w => w.CreateAsync(writer, NasionalId(app), app.Draft("nasional", "ekonomi", "Harga Cabai Rawit Turun di Pasar Induk")));
        var tab = await app.SignedInAsync("laras@nasional.test", "nasional", StaffRole.Writer);
        var script = await app.TokenClientAsync("laras@nasional.test");
        Assert.Equal(HttpStatusCode.OK, (await tab.GetAsync("/redaksi")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync($"/api/v1/articles/{story.ArticleId}")).StatusCode);
        var siteAdmin = await app.StaffPrincipalAsync("admin@nasional.test", "nasional", StaffRole.SiteAdmin);

        var disabled = await AccountsAsync(app, a => a.DisableAsync(siteAdmin, "laras@nasional.test"));

        Assert.True(disabled.Succeeded, string.Join("; ", disabled.Errors));
        var afterTab = await tab.GetAsync("/redaksi");
        Assert.Equal(HttpStatusCode.Redirect, afterTab.StatusCode);
        Assert.StartsWith("/redaksi/masuk", afterTab.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync($"/api/v1/articles/{story.ArticleId}")).StatusCode);
        var rightPassword = await app.ClientFor().SignInAsync("laras@nasional.test", Staff.Password);
        var wrongPassword = await app.ClientFor().SignInAsync("laras@nasional.test", "bukan kata sandinya");
        Assert.Equal(HttpStatusCode.Unauthorized, rightPassword.StatusCode);
        Assert.Equal("Akun ini dinonaktifkan. Hubungi admin situs Anda.", await ErrorOfAsync(rightPassword));
        Assert.Equal("Email atau kata sandi salah.", await ErrorOfAsync(wrongPassword));

        var enabled = await AccountsAsync(app, a => a.EnableAsync(siteAdmin, "laras@nasional.test"));

        Assert.True(enabled.Succeeded);
        Assert.Equal(HttpStatusCode.Redirect, (await app.ClientFor().SignInAsync("laras@nasional.test", Staff.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync($"/api/v1/articles/{story.ArticleId}")).StatusCode);
        var actions = await app.WithDbAsync(db => db.Set<AuditEntry>().Where(e => e.Subject == "laras@nasional.test").OrderBy(e => e.Id).Select(e => e.Action + " " + e.Actor).ToListAsync());
        Assert.Equal([$"{AuditActions.AccountDisabled} admin@nasional.test", $"{AuditActions.AccountEnabled} admin@nasional.test"], actions.Where(a => !a.StartsWith(AuditActions.RoleGranted)));
        var member = (await AccountsAsync(app, a => a.ListAsync(NasionalId(app)))).Single(m => m.Email == "laras@nasional.test");
        Assert.NotNull(member.LastSignInAt);
        Assert.Null(member.DisabledAt);
    }

    [Fact]
    public async Task ASiteAdminManagesOnlyStaffOfTheirOwnSitesAndRefusalsChangeNothing()
    {
        var app = await shared.AppAsync();
        await app.AddStaffAsync("bima@nasional.test", "nasional", StaffRole.Writer);
        await app.AddStaffAsync("citra@solo.test", "solo", StaffRole.Editor);
        await app.AddStaffAsync("citra@solo.test", "nasional", StaffRole.Writer);
        var soloAdmin = await app.StaffPrincipalAsync("admin@solo.test", "solo", StaffRole.SiteAdmin);
        var soloEditor = await app.StaffPrincipalAsync("editor2@solo.test", "solo", StaffRole.Editor);
        var networkAdmin = await NetworkAdminAsync(app);

        var otherSite = await AccountsAsync(app, a => a.DisableAsync(soloAdmin, "bima@nasional.test"));
        var sharedWithOtherSite = await AccountsAsync(app, a => a.DisableAsync(soloAdmin, "citra@solo.test"));
        var notAdmin = await AccountsAsync(app, a => a.DisableAsync(soloEditor, "admin@solo.test"));
        var self = await AccountsAsync(app, a => a.DisableAsync(soloAdmin, "admin@solo.test"));
        var unknown = await AccountsAsync(app, a => a.DisableAsync(soloAdmin, "tidak-ada@solo.test"));
        var byNetwork = await AccountsAsync(app, a => a.RevokeAsync(networkAdmin, "citra@solo.test", Site(app, "nasional"), StaffRole.Writer));
        var notHeld = await AccountsAsync(app, a => a.RevokeAsync(networkAdmin, "citra@solo.test", Site(app, "nasional"), StaffRole.Writer));
        var nowSoloOnly = await AccountsAsync(app, a => a.DisableAsync(soloAdmin, "citra@solo.test"));

        Assert.Equal(["Tidak ada staf situs Anda dengan email bima@nasional.test."], otherSite.Errors);
        Assert.Equal(["Tidak ada staf situs Anda dengan email citra@solo.test."], sharedWithOtherSite.Errors);
        Assert.False(notAdmin.Succeeded);
        Assert.Equal(["Anda tidak bisa menonaktifkan akun Anda sendiri."], self.Errors);
        Assert.Equal(["Tidak ada staf situs Anda dengan email tidak-ada@solo.test."], unknown.Errors);
        Assert.True(byNetwork.Succeeded);
        Assert.Equal(["citra@solo.test tidak berperan Penulis di situs nasional."], notHeld.Errors);
        Assert.True(nowSoloOnly.Succeeded);
        var states = await app.WithDbAsync(db => db.Users.Where(u => u.Email!.EndsWith("@solo.test") || u.Email == "bima@nasional.test")
            .OrderBy(u => u.Email).Select(u => u.Email + (u.DisabledAt == null ? " aktif" : " nonaktif")).ToListAsync());
        Assert.Equal(["admin@solo.test aktif", "bima@nasional.test aktif", "citra@solo.test nonaktif", "editor2@solo.test aktif"], states);
    }

    private static async Task<T> AccountsAsync<T>(WartaApp app, Func<StaffAccounts, Task<T>> work)
    {
        T result = default!;
        await app.WithScopeAsync(async services => result = await work(services.GetRequiredService<StaffAccounts>()));
        return result;
    }

    private static async Task<ClaimsPrincipal> NetworkAdminAsync(WartaApp app)
    {
        await app.AddStaffAsync("jaringan@warta.test", null, StaffRole.NetworkAdmin);
        ClaimsPrincipal? principal = null;
        await app.WithScopeAsync(async services =>
        {
            var user = await services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>().FindByEmailAsync("jaringan@warta.test");
            principal = await services.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<StaffUser>>().CreateAsync(user!);
        });
        return principal!;
    }

    private static SiteInfo Site(WartaApp app, string slug) => app.Services.GetRequiredService<SiteDirectory>().FindBySlug(slug)!;

    private static int NasionalId(WartaApp app) => Site(app, "nasional").Id;

    private static async Task<string> ErrorOfAsync(HttpResponseMessage response) =>
        Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".error")!.TextContent.Trim();
}
