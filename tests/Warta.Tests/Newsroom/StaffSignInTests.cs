using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Warta.Accounts;
using Warta.Network;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Newsroom;

public sealed class StaffSignInTests
{
    private const string Password = "kopi tubruk pagi hari";

    private static async Task AddStaffAsync(WartaApp app, string email, string siteSlug, StaffRole role)
    {
        await app.WithScopeAsync(async services =>
        {
            var site = services.GetRequiredService<SiteDirectory>().FindBySlug(siteSlug);
            var result = await services.GetRequiredService<StaffAccounts>().AddAsync(email, Password, site, role);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        });
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, bool withToken = true)
    {
        var (_, form) = await client.GetPageAsync("/redaksi/masuk");
        var fields = new Dictionary<string, string> { ["Email"] = email, ["Password"] = password };
        if (withToken)
            fields["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync("/redaksi/masuk", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task StaffSignInAndSeeOnlyTheSitesTheyWorkOn()
    {
        await using var app = await WartaApp.StartAsync();
        await AddStaffAsync(app, "sekar@warta.test", "solo", StaffRole.Editor);
        var client = app.ClientFor();

        var signIn = await SignInAsync(client, "sekar@warta.test", Password);
        var (response, dashboard) = await client.GetPageAsync("/redaksi");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/redaksi", signIn.Headers.Location!.OriginalString);
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("warta.redaksi=") && c.Contains("path=/redaksi") && c.Contains("httponly"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["WartaSolo"], dashboard.QuerySelectorAll(".card h2").Select(h => h.Text()));
        Assert.Equal("Editor WartaSolo", dashboard.QuerySelector(".role").Text());
        Assert.Equal(6, dashboard.QuerySelectorAll(".recent li").Length);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
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
        await AddStaffAsync(app, "bagas@warta.test", "nasional", StaffRole.Writer);
        var client = app.ClientFor();

        var wrong = await SignInAsync(client, "bagas@warta.test", "bukan kata sandinya");
        var (_, wrongPage) = (wrong, Html.Parse(await wrong.Content.ReadAsStringAsync()));
        for (var i = 0; i < 4; i++) await SignInAsync(client, "bagas@warta.test", "bukan kata sandinya");
        var locked = await SignInAsync(client, "bagas@warta.test", Password);

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
        await AddStaffAsync(app, "rina@warta.test", "nasional", StaffRole.Writer);

        var response = await SignInAsync(app.ClientFor(), "rina@warta.test", Password, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PasswordGuessingFromOneAddressIsRateLimited()
    {
        await using var app = await WartaApp.StartAsync();
        var client = app.ClientFor();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++) statuses.Add((await SignInAsync(client, $"tebak{i}@warta.test", "tebakan tebakan")).StatusCode);

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/redaksi/masuk")).StatusCode);
    }

    [Fact]
    public async Task SigningOutEverywhereEndsTheOtherSessionsToo()
    {
        await using var app = await WartaApp.StartAsync(settings: new() { ["Warta:Accounts:SessionCheckInterval"] = "00:00:00" });
        await AddStaffAsync(app, "hendra@warta.test", "nasional", StaffRole.Editor);
        var laptop = app.ClientFor();
        var phone = app.ClientFor();
        await SignInAsync(laptop, "hendra@warta.test", Password);
        await SignInAsync(phone, "hendra@warta.test", Password);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/redaksi")).StatusCode);

        var (_, signOutPage) = await laptop.GetPageAsync("/redaksi/keluar");
        var token = signOutPage.QuerySelector("form[action*=Everywhere] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await laptop.PostAsync("/redaksi/keluar?handler=Everywhere", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, (await laptop.GetAsync("/redaksi")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/redaksi")).StatusCode);
    }

    [Fact]
    public async Task ASignedInEditorStillGetsCachedReaderPages()
    {
        await using var app = await WartaApp.StartAsync();
        await AddStaffAsync(app, "dewi@warta.test", "nasional", StaffRole.Editor);
        var client = app.ClientFor();
        await SignInAsync(client, "dewi@warta.test", Password);

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
