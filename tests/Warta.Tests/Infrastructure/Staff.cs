using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Warta.Accounts;
using Warta.Network;

namespace Warta.Tests.Infrastructure;

/// <summary>Newsroom people for tests: accounts with a role, their principal, and a signed-in client.</summary>
public static class Staff
{
    public const string Password = "kopi tubruk pagi hari";

    /// <summary>Adds an account with a role on a site (no site for a network admin).</summary>
    public static Task AddStaffAsync(this WartaApp app, string email, string? siteSlug, StaffRole role, string password = Password) =>
        app.WithScopeAsync(async services =>
        {
            var site = siteSlug is null ? null : services.GetRequiredService<SiteDirectory>().FindBySlug(siteSlug);
            var result = await services.GetRequiredService<StaffAccounts>().AddAsync(email, password, site, role);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        });

    /// <summary>The principal the sign-in cookie would carry, for calling newsroom services directly.</summary>
    public static async Task<ClaimsPrincipal> StaffPrincipalAsync(this WartaApp app, string email, string siteSlug, StaffRole role)
    {
        await app.AddStaffAsync(email, siteSlug, role);
        ClaimsPrincipal? principal = null;
        await app.WithScopeAsync(async services =>
        {
            var user = await services.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email);
            principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>().CreateAsync(user!);
        });
        return principal!;
    }

    /// <summary>Posts the sign-in form as a browser would, anti-forgery token included.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password, bool withToken = true)
    {
        var (_, form) = await client.GetPageAsync("/redaksi/masuk");
        var fields = new Dictionary<string, string> { ["Email"] = email, ["Password"] = password };
        if (withToken)
            fields["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync("/redaksi/masuk", new FormUrlEncodedContent(fields));
    }

    /// <summary>A client carrying a new personal access token of an existing account, as an integrator's script would.</summary>
    public static async Task<HttpClient> TokenClientAsync(this WartaApp app, string email)
    {
        var token = "";
        await app.WithScopeAsync(async services => token = (await services.GetRequiredService<PersonalAccessTokens>().CreateAsync(email, "uji"))!.Value.Token);
        var client = app.ClientFor();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Adds an account with a role and gives it a token client.</summary>
    public static async Task<HttpClient> ApiClientAsync(this WartaApp app, string email, string siteSlug, StaffRole role)
    {
        await app.AddStaffAsync(email, siteSlug, role);
        return await app.TokenClientAsync(email);
    }

    public static async Task<HttpClient> SignedInAsync(this WartaApp app, string email, string? siteSlug, StaffRole role, string host = "localhost")
    {
        await app.AddStaffAsync(email, siteSlug, role);
        var client = app.ClientFor(host);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await client.SignInAsync(email, Password)).StatusCode);
        return client;
    }
}
