using System.Net;
using System.Security.Cryptography;
using System.Text;
using Warta.Accounts;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Security;

public sealed class SecurityHeadersTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/teknologi")]
    [InlineData("/live/arus-balik-libur-akhir-tahun-di-tol-trans-jawa-pantauan-24-jam")]
    [InlineData("/tidak-ada-halaman-ini")]
    public async Task ReaderPagesForbidInlineCodeExceptTheirOwnHashedBrandStyle(string path)
    {
        await using var app = await WartaApp.StartAsync();
        var (response, page) = await app.ClientFor().GetPageAsync(path);

        var policy = Directives(response);
        Assert.Equal("'self'", policy["default-src"]);
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'none'", policy["object-src"]);
        Assert.Equal("'self'", policy["base-uri"]);
        Assert.Equal("'self'", policy["form-action"]);
        Assert.Equal("'self' data: https:", policy["img-src"]);
        Assert.StartsWith("'self' ", policy["frame-ancestors"]);
        var style = page.QuerySelector("head style")!.TextContent;
        Assert.Equal($"'self' 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)))}'", policy["style-src"]);
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src") || s.GetAttribute("type") == "application/ld+json", s.OuterHtml));
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Single(response, "Referrer-Policy"));
        Assert.Equal("SAMEORIGIN", Single(response, "X-Frame-Options"));
    }

    [Fact]
    public async Task ACachedReaderPageCarriesThePolicyItsBodyWasWrittenFor()
    {
        await using var app = await WartaApp.StartAsync();
        var client = app.ClientFor("solo.localhost");

        var first = await client.GetAsync("/");
        var (cached, page) = await client.GetPageAsync("/");

        Assert.NotNull(cached.Headers.Age);
        Assert.Equal(Single(first, "Content-Security-Policy"), Single(cached, "Content-Security-Policy"));
        var style = page.QuerySelector("head style")!.TextContent;
        Assert.Contains($"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)))}'", Directives(cached)["style-src"]);
    }

    [Fact]
    public async Task ReaderPagesMayBeFramedByTheNetworksOwnHostsOnly()
    {
        await using var app = await WartaApp.StartAsync();

        var response = await app.ClientFor("solo.localhost").GetAsync("/");

        var ancestors = Directives(response)["frame-ancestors"].Split(' ');
        Assert.Contains("solo.localhost", ancestors);
        Assert.Contains("localhost", ancestors);
        Assert.Contains("makassar.localhost", ancestors);
        Assert.DoesNotContain("*", ancestors);
    }

    [Fact]
    public async Task NewsroomPagesAllowNoInlineCodeAndAreNeverFramed()
    {
        await using var app = await WartaApp.StartAsync();
        var client = await app.SignedInAsync("ayu@warta.test", "nasional", StaffRole.Editor);

        foreach (var path in new[] { "/redaksi", "/redaksi/masuk", "/redaksi/keluar", "/redaksi/berita?situs=nasional" })
        {
            var response = await client.GetAsync(path);
            var policy = Directives(response);
            Assert.Equal("'self'", policy["default-src"]);
            Assert.Equal("'self'", policy["script-src"]);
            Assert.Equal("'self'", policy["style-src"]);
            Assert.Equal("'none'", policy["frame-ancestors"]);
            Assert.Equal("'none'", policy["object-src"]);
            Assert.StartsWith("'self' ", policy["frame-src"]);
            Assert.Equal("DENY", Single(response, "X-Frame-Options"));
            Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
            Assert.Equal("same-origin", Single(response, "Referrer-Policy"));
        }
    }

    [Fact]
    public async Task ApiAnswersLoadNothingAndAreNeverFramed()
    {
        await using var app = await WartaApp.StartAsync();

        var response = await app.ClientFor().GetAsync("/api/v1/articles/1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Single(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
    }

    [Fact]
    public async Task StaticFilesAreNotSniffed()
    {
        await using var app = await WartaApp.StartAsync();

        var response = await app.ClientFor().GetAsync("/favicon.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.NotNull(Single(response, "Content-Security-Policy"));
    }

    private static string Single(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values) ? values.Single() : throw new Xunit.Sdk.XunitException($"No {header} on {response.RequestMessage!.RequestUri}.");

    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        Single(response, "Content-Security-Policy").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2)).ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");
}
