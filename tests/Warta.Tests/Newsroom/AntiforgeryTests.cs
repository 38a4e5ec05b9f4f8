using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Warta.Content;
using Warta.Publishing;
using Warta.Accounts;
using Warta.Network;
using Warta.Newsroom;
using Warta.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Warta.Tests.Newsroom;

/// <summary>
/// Cross-site request forgery: every form of the newsroom carries a token and is refused without it,
/// whatever cookies come along; the API takes no cookie at all.
/// </summary>
public sealed class AntiforgeryTests(ITestOutputHelper output)
{
    private const string AdminEmail = "jaringan@warta.test";
    private const string TokenField = "__RequestVerificationToken";

    /// <summary>Stories in every state and two picks, so every form and every button of the newsroom shows somewhere.</summary>
    private static async Task<int> StoriesInEveryStateAsync(WartaApp app)
    {
        var admin = await app.StaffPrincipalAsync(AdminEmail, "nasional", StaffRole.NetworkAdmin);
        var draftId = 0;
        await app.WithScopeAsync(async services =>
        {
            var workflow = services.GetRequiredService<ArticleWorkflow>();
            var site = services.GetRequiredService<SiteDirectory>().FindBySlug("nasional")!;
            async Task<WorkflowResult> CreateAsync(string headline) =>
                await workflow.CreateAsync(admin, site.Id, new ArticleDraft(headline, "Ringkasan.", site.Sections[0].Id, "<p>Isi.</p>"));

            draftId = (await CreateAsync("Draf Jalan Tol Baru")).ArticleId;
            var submitted = await CreateAsync("Menunggu Editor: Harga Beras");
            await workflow.SubmitAsync(admin, submitted.ArticleId, submitted.Version);
            var published = await CreateAsync("Terbit: Kereta Cepat Tambah Jadwal");
            await workflow.PublishAsync(admin, published.ArticleId, published.Version);
            var scheduled = await CreateAsync("Terjadwal: Pengumuman Kabinet");
            await workflow.PublishAsync(admin, scheduled.ArticleId, scheduled.Version, DateTimeOffset.UtcNow.AddDays(2));

            var picks = services.GetRequiredService<HomeCuration>();
            await picks.AddAsync(admin, site.Id, HomeList.Picks, published.ArticleId);
            await picks.AddAsync(admin, site.Id, HomeList.Picks, (await app.FindAsync("demo-maraton-danau-toba-9000-pelari")).Id);
        });
        return draftId;
    }

    private sealed record FormPost(string Page, string Action, Dictionary<string, string> Fields);

    /// <summary>
    /// Follows every newsroom link and form action from <paramref name="seeds"/>; returns the pages seen
    /// and every (form, submit button) as the post a browser would send, token left out.
    /// </summary>
    private static async Task<(List<string> Pages, List<FormPost> Posts, List<string> Problems)> CrawlAsync(HttpClient client, params string[] seeds)
    {
        var queue = new Queue<string>(seeds);
        var seen = new HashSet<string>(seeds);
        var pages = new List<string>();
        var posts = new List<FormPost>();
        var problems = new List<string>();
        while (queue.TryDequeue(out var path))
        {
            var (response, page) = await client.GetPageAsync(path);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                problems.Add($"{path}: {(int)response.StatusCode}");
                continue;
            }
            pages.Add(path);
            var here = new Uri(new Uri("http://localhost"), path);

            var links = page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!)
                .Concat(page.QuerySelectorAll("form[action]").Select(f => f.GetAttribute("action")!));
            foreach (var link in links)
            {
                var target = new Uri(here, link);
                if (target.Host != "localhost" || !target.AbsolutePath.StartsWith("/redaksi")) continue;
                var next = WithoutHandler(target);
                if (seen.Add(next)) queue.Enqueue(next);
            }

            foreach (var form in page.QuerySelectorAll("form").Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)))
            {
                var token = form.QuerySelector($"input[type=hidden][name={TokenField}]")?.GetAttribute("value");
                if (string.IsNullOrEmpty(token)) problems.Add($"{path}: a form posting to {form.GetAttribute("action") ?? "itself"} has no {TokenField}");
                var fields = Fields(form);
                var buttons = form.QuerySelectorAll("button, input[type=submit]")
                    .Where(b => (b.GetAttribute("type") ?? "submit").Equals("submit", StringComparison.OrdinalIgnoreCase)).ToList();
                if (buttons.Count == 0) problems.Add($"{path}: a form without a submit button");
                foreach (var button in buttons)
                {
                    var action = button.GetAttribute("formaction") ?? form.GetAttribute("action") ?? "";
                    posts.Add(new FormPost(path, new Uri(here, action).PathAndQuery, fields));
                }
            }
        }
        return (pages, posts, problems);
    }

    private static string WithoutHandler(Uri target)
    {
        var query = target.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("handler=", StringComparison.OrdinalIgnoreCase));
        var rest = string.Join('&', query);
        return rest.Length == 0 ? target.AbsolutePath : $"{target.AbsolutePath}?{rest}";
    }

    /// <summary>The fields a browser sends for the form, minus the anti-forgery token.</summary>
    private static Dictionary<string, string> Fields(IElement form)
    {
        var fields = new Dictionary<string, string>();
        foreach (var field in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = field.GetAttribute("name")!;
            if (name == TokenField || field.GetAttribute("type") is "checkbox" or "submit") continue;
            fields[name] = field.LocalName switch
            {
                "textarea" => field.TextContent,
                "select" => (field.QuerySelector("option[selected]") ?? field.QuerySelector("option"))?.GetAttribute("value") ?? "",
                _ => field.GetAttribute("value") ?? "",
            };
        }
        return fields;
    }

    [Fact]
    public async Task EveryNewsroomFormCarriesATokenAndWithoutItIsRefusedAndChangesNothing()
    {
        await using var app = await WartaApp.StartAsync();
        await app.AddStaffAsync(AdminEmail, null, StaffRole.NetworkAdmin);
        var draftId = await StoriesInEveryStateAsync(app);
        var browser = app.ClientFor();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(AdminEmail, Staff.Password)).StatusCode);

        var (pages, posts, problems) = await CrawlAsync(browser, "/redaksi", "/redaksi/masuk");

        Assert.Empty(problems);
        foreach (var expected in new[] { "/redaksi", "/redaksi/audit", "/redaksi/keluar", "/redaksi/masuk", "/redaksi/pilihan?situs=nasional", "/redaksi/berita?situs=solo", $"/redaksi/berita/{draftId}" })
            Assert.Contains(expected, pages);
        var targets = posts.DistinctBy(p => p.Action).ToList();
        foreach (var handler in new[] { "Create", "Save", "Submit", "Publish", "Return", "Unpublish", "Add", "Up", "Down", "Remove", "Everywhere" })
            Assert.Contains(targets, p => p.Action.Contains($"handler={handler}&") || p.Action.EndsWith($"handler={handler}"));
        Assert.Contains(targets, p => p.Action == "/redaksi/keluar");
        Assert.Contains(targets, p => p.Action == "/redaksi/masuk");

        foreach (var post in targets)
        {
            var before = await StoreSnapshot.TakeAsync(app);
            var response = await browser.PostAsync(post.Action, new FormUrlEncodedContent(post.Fields));
            var difference = (await StoreSnapshot.TakeAsync(app)).DifferenceFrom(before);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{post.Action} (form on {post.Page}) without a token: {(int)response.StatusCode}");
            Assert.True(difference.Length == 0, $"{post.Action} without a token changed the store:\n{difference}");
        }
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/redaksi")).StatusCode);
        Assert.True(targets.Count >= 20, $"only {targets.Count} forms found on {pages.Count} pages");
        output.WriteLine($"{pages.Count} pages, {posts.Count} form buttons, {targets.Count} distinct post targets refused without a token");
    }

    [Fact]
    public async Task APostWithAValidTokenButNoOrAnUnknownHandlerIsRefusedOnEveryNewsroomPage()
    {
        await using var app = await WartaApp.StartAsync();
        await app.AddStaffAsync(AdminEmail, null, StaffRole.NetworkAdmin);
        await StoriesInEveryStateAsync(app);
        var browser = app.ClientFor();
        await browser.SignInAsync(AdminEmail, Staff.Password);
        var (pages, posts, _) = await CrawlAsync(browser, "/redaksi");
        var editor = await app.SignedInAsync("editor@warta.test", "nasional", StaffRole.Editor);
        var (_, editorsDashboard) = await editor.GetPageAsync("/redaksi");
        var before = await StoreSnapshot.TakeAsync(app);

        // One session's token is good on every page of it.
        var (_, dashboard) = await browser.GetPageAsync("/redaksi");
        var token = dashboard.QuerySelector($"input[name={TokenField}]")!.GetAttribute("value")!;
        var answers = new List<string>();
        foreach (var path in pages)
        {
            var separator = path.Contains('?') ? '&' : '?';
            var targets = new List<string> { $"{path}{separator}handler=Tidakada" };
            // A page whose own form posts without a handler name (sign-out) has a real unnamed handler.
            if (!posts.Any(p => p.Action == path)) targets.Add(path);
            foreach (var target in targets)
            {
                var response = await browser.PostAsync(target, new FormUrlEncodedContent(new Dictionary<string, string> { [TokenField] = token }));
                answers.Add($"{target}: {(int)response.StatusCode}");
            }
        }
        var editorToken = editorsDashboard.QuerySelector($"input[name={TokenField}]")!.GetAttribute("value")!;
        var auditByEditor = await editor.PostAsync("/redaksi/audit", new FormUrlEncodedContent(new Dictionary<string, string> { [TokenField] = editorToken }));

        Assert.True(pages.Count >= 8, $"only {pages.Count} pages crawled");
        Assert.All(answers, a => Assert.True(int.Parse(a.Split(": ")[1]) is >= 400 and < 500, a));
        Assert.True((int)auditByEditor.StatusCode is >= 400 and < 500, $"POST /redaksi/audit as an editor: {(int)auditByEditor.StatusCode}");
        Assert.Equal("", (await StoreSnapshot.TakeAsync(app)).DifferenceFrom(before));
        output.WriteLine(string.Join("\n", answers));
    }

    [Fact]
    public async Task ATokenFromAnotherSessionDoesNotPassForThisOne()
    {
        await using var app = await WartaApp.StartAsync();
        await app.AddStaffAsync(AdminEmail, null, StaffRole.NetworkAdmin);
        var draftId = await StoriesInEveryStateAsync(app);
        var browser = app.ClientFor();
        await browser.SignInAsync(AdminEmail, Staff.Password);
        var (_, editor) = await browser.GetPageAsync($"/redaksi/berita/{draftId}");
        var fields = Fields(editor.QuerySelector("form.editor")!);
        fields["Headline"] = "Diganti lewat situs lain";
        var stranger = app.ClientFor();
        var (_, signInForm) = await stranger.GetPageAsync("/redaksi/masuk");
        var before = await StoreSnapshot.TakeAsync(app);

        fields[TokenField] = signInForm.QuerySelector($"input[name={TokenField}]")!.GetAttribute("value")!;
        var forged = await browser.PostAsync($"/redaksi/berita/{draftId}?handler=Save", new FormUrlEncodedContent(fields));
        fields[TokenField] = editor.QuerySelector($"form.editor input[name={TokenField}]")!.GetAttribute("value")!;
        var difference = (await StoreSnapshot.TakeAsync(app)).DifferenceFrom(before);
        var genuine = await browser.PostAsync($"/redaksi/berita/{draftId}?handler=Save", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("", difference);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Equal("Diganti lewat situs lain", (await app.WithDbAsync(db => db.Articles.FindAsync(draftId).AsTask()))!.Headline);
    }

    [Fact]
    public async Task TheApiTakesNoNewsroomCookieEvenWithAnAntiforgeryToken()
    {
        await using var app = await WartaApp.StartAsync();
        await app.AddStaffAsync(AdminEmail, null, StaffRole.NetworkAdmin);
        var draftId = await StoriesInEveryStateAsync(app);
        var browser = app.ClientFor();
        var signInForm = await browser.GetAsync("/redaksi/masuk");
        var signIn = await browser.SignInAsync(AdminEmail, Staff.Password);
        var (_, page) = await browser.GetPageAsync($"/redaksi/berita/{draftId}");
        var formToken = page.QuerySelector($"input[name={TokenField}]")!.GetAttribute("value")!;
        // A browser would not even send the cookie to /api (its path is /redaksi); send it anyway, as a
        // misconfigured proxy or a future cookie path might.
        var cookies = string.Join("; ", signInForm.Headers.GetValues("Set-Cookie").Concat(signIn.Headers.GetValues("Set-Cookie"))
            .Select(h => h.Split(';')[0]).Where(h => h.StartsWith("warta.")));
        Assert.Contains("warta.redaksi=", cookies);
        Assert.Contains("warta.af=", cookies);
        var withCookie = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        withCookie.DefaultRequestHeaders.Add("Cookie", cookies);
        withCookie.DefaultRequestHeaders.Add("RequestVerificationToken", formToken);
        Assert.Equal(HttpStatusCode.OK, (await withCookie.GetAsync("/redaksi")).StatusCode);
        var before = await StoreSnapshot.TakeAsync(app);

        var read = await withCookie.GetAsync($"/api/v1/articles/{draftId}");
        var create = await withCookie.PostAsJsonAsync("/api/v1/articles", new { site = "nasional", section = "ekonomi", headline = "Lewat cookie" });
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/articles/{draftId}")
        {
            Content = JsonContent.Create(new { site = "nasional", section = "ekonomi", headline = "Lewat cookie" }),
        };
        put.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        var save = await withCookie.SendAsync(put);
        var publish = await withCookie.PostAsJsonAsync($"/api/v1/articles/{draftId}/publish", new { version = 1 });
        var asForm = await withCookie.PostAsync($"/api/v1/articles/{draftId}/publish", new FormUrlEncodedContent(new Dictionary<string, string> { ["version"] = "1", [TokenField] = formToken }));

        Assert.All(new[] { read, create, save, publish }, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        // Routing turns a form body away before authentication: the steps accept JSON only.
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, asForm.StatusCode);
        Assert.Equal("", (await StoreSnapshot.TakeAsync(app)).DifferenceFrom(before));
    }

    [Fact]
    public async Task TheKeluarButtonInTheHeaderSignsOut()
    {
        await using var app = await WartaApp.StartAsync();
        await app.AddStaffAsync(AdminEmail, null, StaffRole.NetworkAdmin);
        var browser = app.ClientFor();
        await browser.SignInAsync(AdminEmail, Staff.Password);
        var (_, dashboard) = await browser.GetPageAsync("/redaksi");
        var form = dashboard.QuerySelector("header form")!;

        var response = await browser.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [TokenField] = form.QuerySelector($"input[name={TokenField}]")!.GetAttribute("value")!,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/redaksi/masuk", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/redaksi")).StatusCode);
    }
}
