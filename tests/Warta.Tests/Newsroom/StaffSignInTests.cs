using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Accounts;
using Warta.Network;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Newsroom;

public sealed class StaffSignInTests
{
    [Fact]
    public async Task StaffSignInAndSeeOnlyTheSitesTheyWorkOn()
    {
        await using var app = await WartaApp.StartAsync();
        await app.AddStaffAsync("sekar@warta.test", "solo", StaffRole.Editor);
        var client = app.ClientFor();

        var signIn = await client.SignInAsync("sekar@warta.test", Staff.Password);
        var (response, dashboard) = await client.GetPageAsync("/redaksi");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/redaksi", signIn.Headers.Location!.OriginalString);
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("warta.redaksi=") && c.Contains("path=/redaksi") && c.Contains("httponly"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["WartaSolo"], dashboard.QuerySelectorAll(".card h2").Select(h => h.Text()));
        Assert.Equal("Editor WartaSolo", dashboard.QuerySelector(".role").Text());
        Assert.Equal(6, dashboard.QuerySelectorAll(".recent li").Length);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task TheNewsroomAsksStrangersToSignIn()
    {
        await using var app = await WartaApp.StartAsync();

        var response = await app.ClientFor().GetAsync("/redaksi");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/redaksi/masuk?ReturnUrl=%2Fredaksi", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedAndFiveInARowLockTheAccount()
    {
        await using var app = await WartaApp.StartAsync();
        await app.AddStaffAsync("bagas@warta.test", "nasional", StaffRole.Writer);
        var client = app.ClientFor();

        var wrong = await client.SignInAsync("bagas@warta.test", "bukan kata sandinya");
        var (_, wrongPage) = (wrong, Html.Parse(await wrong.Content.ReadAsStringAsync()));
        for (var i = 0; i < 4; i++) await client.SignInAsync("bagas@warta.test", "bukan kata sandinya");
        var locked = await client.SignInAsync("bagas@warta.test", Staff.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("Email atau kata sandi salah.", wrongPage.QuerySelector(".error").Text());
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.StartsWith("Akun ini dikunci sementara", Html.Parse(await locked.Content.ReadAsStringAsync()).QuerySelector(".error").Text());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/redaksi")).StatusCode);
    }

    [Fact]
    public async Task ASignInWithoutTheAntiforgeryTokenIsRejected()
    {
        await using var app = await WartaApp.StartAsync();
        await app.AddStaffAsync("rina@warta.test", "nasional", StaffRole.Writer);

        var response = await app.ClientFor().SignInAsync("rina@warta.test", Staff.Password, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PasswordGuessingFromOneAddressIsRateLimited()
    {
        await using var app = await WartaApp.StartAsync();
        var client = app.ClientFor();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++) statuses.Add((await client.SignInAsync($"tebak{i}@warta.test", "tebakan tebakan")).StatusCode);

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/redaksi/masuk")).StatusCode);
    }

    [Fact]
    public async Task SigningOutEverywhereEndsTheOtherSessionsToo()
    {
        await using var app = await WartaApp.StartAsync(settings: new() { ["Warta:Accounts:SessionCheckInterval"] = "00:00:00" });
        await app.AddStaffAsync("hendra@warta.test", "nasional", StaffRole.Editor);
        var laptop = app.ClientFor();
        var phone = app.ClientFor();
        await laptop.SignInAsync("hendra@warta.test", Staff.Password);
        await phone.SignInAsync("hendra@warta.test", Staff.Password);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/redaksi")).StatusCode);

        var (_, signOutPage) = await laptop.GetPageAsync("/redaksi/keluar");
        var token = signOutPage.QuerySelector("form[action*=Everywhere] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await laptop.PostAsync("/redaksi/keluar?handler=Everywhere", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, (await laptop.GetAsync("/redaksi")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/redaksi")).StatusCode);
    }

    [Fact]
    public async Task SigningOutEverywhereReachesTheOtherSessionsAtOnce()
    {
        await using var app = await WartaApp.StartAsync();
        await app.AddStaffAsync("wulan@warta.test", "nasional", StaffRole.Editor);
        var laptop = app.ClientFor();
        var phone = app.ClientFor();
        await laptop.SignInAsync("wulan@warta.test", Staff.Password);
        await phone.SignInAsync("wulan@warta.test", Staff.Password);

        var (_, signOutPage) = await laptop.GetPageAsync("/redaksi/keluar");
        var token = signOutPage.QuerySelector("form[action*=Everywhere] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await laptop.PostAsync("/redaksi/keluar?handler=Everywhere", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/redaksi")).StatusCode);
    }

    [Fact]
    public async Task ARevokedRoleEndsTheSignedInSessionAtItsNextRequest()
    {
        // The default SessionCheckInterval (a minute): the revocation must not wait for it.
        await using var app = await WartaApp.StartAsync();
        await app.AddStaffAsync("rahmat@warta.test", "nasional", StaffRole.Editor);
        await app.AddStaffAsync("sari@warta.test", "nasional", StaffRole.Editor);
        var revoked = app.ClientFor();
        var colleague = app.ClientFor();
        await revoked.SignInAsync("rahmat@warta.test", Staff.Password);
        await colleague.SignInAsync("sari@warta.test", Staff.Password);
        Assert.Equal(HttpStatusCode.OK, (await revoked.GetAsync("/redaksi/pilihan?situs=nasional")).StatusCode);

        AccountResult? result = null;
        await app.WithScopeAsync(async services => result = await services.GetRequiredService<StaffAccounts>()
            .RevokeAsync(null, "rahmat@warta.test", services.GetRequiredService<SiteDirectory>().FindBySlug("nasional"), StaffRole.Editor));
        var afterRevoke = await revoked.GetAsync("/redaksi/pilihan?situs=nasional");

        Assert.True(result!.Succeeded);
        Assert.Equal(HttpStatusCode.Redirect, afterRevoke.StatusCode);
        Assert.Equal("/redaksi/masuk", afterRevoke.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync("/redaksi/pilihan?situs=nasional")).StatusCode);
    }

    [Fact]
    public async Task SigningOutEndsThisSessionAtOnceAndItsOldCookieIsRefused()
    {
        // The default SessionCheckInterval (a minute): the refusal must not wait for it.
        await using var app = await WartaApp.StartAsync();
        await app.AddStaffAsync("putri@warta.test", "nasional", StaffRole.Writer);
        var laptop = app.ClientFor();
        var phone = app.ClientFor();
        var signIn = await laptop.SignInAsync("putri@warta.test", Staff.Password);
        await phone.SignInAsync("putri@warta.test", Staff.Password);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("warta.redaksi=")).Split(';')[0];

        var (_, signOutPage) = await laptop.GetPageAsync("/redaksi/keluar");
        var token = signOutPage.QuerySelector("form:not([action*=Everywhere]) input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var signOut = await laptop.PostAsync("/redaksi/keluar", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var replay = new HttpRequestMessage(HttpMethod.Get, "/redaksi");
        replay.Headers.Add("Cookie", cookie);
        var replayed = await app.ClientWithoutCookies().SendAsync(replay);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("http://localhost/redaksi/masuk", replayed.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/redaksi")).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.UserTokens.CountAsync(t => t.LoginProvider == StaffSessions.Provider)));
    }

    [Fact]
    public async Task ASignedInEditorStillGetsCachedReaderPages()
    {
        await using var app = await WartaApp.StartAsync();
        await app.AddStaffAsync("dewi@warta.test", "nasional", StaffRole.Editor);
        var client = app.ClientFor();
        await client.SignInAsync("dewi@warta.test", Staff.Password);

        var first = await client.GetAsync("/");
        var second = await client.GetAsync("/");

        Assert.False(first.Headers.Contains("Set-Cookie"));
        Assert.NotNull(second.Headers.Age);
    }

    [Fact]
    public async Task AWeakPasswordIsRefusedInIndonesian()
    {
        await using var app = await WartaApp.StartAsync();
        AccountResult? result = null;
        await app.WithScopeAsync(async services =>
            result = await services.GetRequiredService<StaffAccounts>().AddAsync("lemah@warta.test", "pendek", services.GetRequiredService<SiteDirectory>().Default, StaffRole.Writer));

        Assert.False(result!.Succeeded);
        Assert.Contains("Kata sandi terlalu pendek: minimal 12 karakter.", result.Errors);
    }
}
