using System.Net;
using Warta.Accounts;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Security;

/// <summary>
/// Behind a TLS-terminating proxy the app sees the proxy's address and plain HTTP. It believes
/// X-Forwarded-For and -Proto only from the proxies it was told about.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.2");
    private static readonly IPAddress Stranger = IPAddress.Parse("10.0.0.9");

    private static Task<WartaApp> BehindTheProxyAsync() =>
        WartaApp.StartAsync(settings: new() { ["Warta:ForwardedHeaders:KnownProxies:0"] = Proxy.ToString() });

    [Fact]
    public async Task OverHttpsFromAConfiguredProxyTheSignInCookiesAreSecure()
    {
        await using var app = await BehindTheProxyAsync();
        await app.AddStaffAsync("tari@warta.test", "nasional", StaffRole.Writer);

        var cookies = await SignInCookiesAsync(app, Proxy, "https");

        Assert.Contains(cookies, c => c.StartsWith("warta.redaksi=") && c.Contains("secure"));
        Assert.All(cookies, c => Assert.Contains("secure", c));
    }

    [Theory]
    [InlineData("10.0.0.9")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task AForwardedProtoFromAnUnconfiguredAddressIsIgnored(string sender)
    {
        await using var app = await BehindTheProxyAsync();
        await app.AddStaffAsync("tari@warta.test", "nasional", StaffRole.Writer);

        var cookies = await SignInCookiesAsync(app, IPAddress.Parse(sender), "https");

        Assert.Contains(cookies, c => c.StartsWith("warta.redaksi="));
        Assert.All(cookies, c => Assert.DoesNotContain("secure", c));
    }

    [Fact]
    public async Task WithoutConfigurationNoProxyIsTrustedNotEvenLoopback()
    {
        await using var app = await WartaApp.StartAsync();
        await app.AddStaffAsync("tari@warta.test", "nasional", StaffRole.Writer);

        var cookies = await SignInCookiesAsync(app, IPAddress.Loopback, "https");

        Assert.All(cookies, c => Assert.DoesNotContain("secure", c));
    }

    [Fact]
    public async Task ThroughAConfiguredProxyEachReaderHasItsOwnSignInLimit()
    {
        await using var app = await BehindTheProxyAsync();
        var guesser = Through(app, Proxy, "203.0.113.7");
        var colleague = Through(app, Proxy, "198.51.100.20");

        for (var i = 0; i < 10; i++) await guesser.SignInAsync($"tebak{i}@warta.test", "tebakan tebakan");
        var limited = await guesser.SignInAsync("tebak@warta.test", "tebakan tebakan");
        var other = await colleague.SignInAsync("salah@warta.test", "tebakan tebakan");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
        var entry = await app.WithDbAsync(db => Task.FromResult(db.Set<AuditEntry>().Where(e => e.Actor == "salah@warta.test").Select(e => e.Address).Single()));
        Assert.Equal("198.51.100.20", entry);
    }

    [Fact]
    public async Task AForwardedForFromAnUnconfiguredAddressCannotDodgeTheLimit()
    {
        await using var app = await BehindTheProxyAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
            statuses.Add((await Through(app, Stranger, $"203.0.113.{i + 1}").SignInAsync($"tebak{i}@warta.test", "tebakan tebakan")).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    private static HttpClient Through(WartaApp app, IPAddress from, string client)
    {
        var http = app.ClientFrom(from);
        http.DefaultRequestHeaders.Add("X-Forwarded-For", client);
        return http;
    }

    /// <summary>
    /// Signs in over a forwarded scheme, carrying cookies by hand: a cookie jar would not send secure
    /// cookies over the plain HTTP that reaches the app.
    /// </summary>
    private static async Task<List<string>> SignInCookiesAsync(WartaApp app, IPAddress from, string proto)
    {
        using var http = new HttpClient(app.Server.CreateHandler(context => context.Connection.RemoteIpAddress = from)) { BaseAddress = new Uri("http://localhost") };
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", proto);
        http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        var form = await http.GetAsync("/redaksi/masuk");
        var set = form.Headers.GetValues("Set-Cookie").ToList();
        var token = Html.Parse(await form.Content.ReadAsStringAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = new HttpRequestMessage(HttpMethod.Post, "/redaksi/masuk")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "tari@warta.test", ["Password"] = Staff.Password, ["__RequestVerificationToken"] = token }),
        };
        post.Headers.Add("Cookie", string.Join("; ", set.Select(c => c.Split(';')[0])));
        var signIn = await http.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return [.. set, .. signIn.Headers.GetValues("Set-Cookie")];
    }
}
