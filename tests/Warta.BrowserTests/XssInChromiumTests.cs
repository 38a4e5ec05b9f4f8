using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Warta.Publishing;
using Warta.Accounts;
using Warta.Content;
using Warta.Data;
using Warta.Media;
using Warta.Network;
using Warta.Newsroom;
using Warta.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Warta.BrowserTests;

/// <summary>
/// Every vector of <see cref="XssVectors"/> goes into a story's headline, summary, dateline and body
/// and into its lead photo's caption, credit and alt text; the stories are published and opened in
/// Chromium on the reader site and in the newsroom. Nothing may run (marker call, dialog, request to
/// the sentinel host, navigation away, popup), nothing active may be left in the DOM, and what must
/// read as text (headline, summary, caption...) reads exactly as typed.
/// </summary>
public sealed partial class XssInChromiumTests(ITestOutputHelper output) : ChromiumTest
{
    private const string AdminEmail = "jaringan@warta.test";
    private const string AdminPassword = "kopi tubruk pagi hari";

    private static readonly byte[] OnePixelPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private sealed record Story(int Vector, int Id, string Headline, string Summary, string Dateline, string BodyHtml, string Text, string Path);

    /// <summary>What ran, and where: filled by the browser's callbacks while pages load.</summary>
    private sealed partial class Alarms
    {
        public ConcurrentQueue<(string Where, int? Vector, string What)> Fired { get; } = new();
        public string Where { get; set; } = "";

        public void Add(string what, int? vector = null) =>
            Fired.Enqueue((Where, vector ?? (SentinelPath().Match(what) is { Success: true } m ? int.Parse(m.Groups[1].Value) : null), what));

        public bool Caught(int vector) => Fired.Any(f => f.Vector == vector);

        public override string ToString() => string.Join("\n", Fired.Select(f => $"{f.Where}: {f.What}"));

        [GeneratedRegex(@"xss-sentinel\.invalid/(\d+)")]
        private static partial Regex SentinelPath();
    }

    /// <summary>Flags anything active the page holds: handlers, script URLs, frames, plugins, foreign scripts and styles, base and refresh.</summary>
    private const string ActiveContentProbe = """
        () => {
          const problems = [];
          const origin = location.origin;
          const bad = (el, why) => problems.push(why + ': ' + el.outerHTML.slice(0, 160));
          const urlAttributes = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'background', 'poster', 'cite', 'ping', 'lowsrc', 'dynsrc', 'codebase'];
          for (const el of document.querySelectorAll('*')) {
            for (const attr of el.attributes) {
              const name = attr.name.toLowerCase();
              if (name.startsWith('on')) bad(el, 'event handler ' + name);
              if (name === 'srcdoc') bad(el, 'srcdoc');
              if (name === 'style' && /expression|javascript:|url\s*\(/i.test(attr.value)) bad(el, 'active style');
              if (urlAttributes.includes(name)) {
                let scheme = '';
                try { scheme = new URL(attr.value, document.baseURI).protocol; } catch { }
                if (scheme === 'javascript:' || scheme === 'vbscript:' || (scheme === 'data:' && !/^\s*data:image\/(png|gif|jpe?g|webp)[;,]/i.test(attr.value)))
                  bad(el, 'script URL in ' + name);
              }
            }
            const tag = el.localName;
            if (['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'svg', 'math', 'isindex', 'marquee'].includes(tag)) bad(el, tag);
            if (tag === 'meta' && el.hasAttribute('http-equiv')) bad(el, 'meta http-equiv');
            if (tag === 'script' && !(el.type === 'application/ld+json' || el.src.startsWith(origin + '/js/'))) bad(el, 'script');
            if (tag === 'style' && !el.textContent.startsWith(':root{--brand:')) bad(el, 'style element');
            if (tag === 'link' && !el.href.startsWith(origin + '/')) bad(el, 'foreign link');
          }
          if (document.baseURI.split('#')[0] !== location.href.split('#')[0]) problems.push('base URI is ' + document.baseURI);
          return problems;
        }
        """;

    /// <summary>Where the reader's article page shows the story's words, as the browser reads them back.</summary>
    private const string ArticleTextProbe = """
        () => {
          const text = s => document.querySelector(s)?.textContent ?? null;
          const meta = (attr, name) => document.querySelector(`meta[${attr}="${name}"]`)?.getAttribute('content') ?? null;
          let ld = null;
          try { ld = JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent); } catch (e) { ld = { headline: 'JSON-LD does not parse: ' + e, description: null }; }
          return {
            h1: text('h1.headline'), lede: text('p.lede'), caption: text('.lead-photo .caption'), credit: text('.lead-photo .credit'),
            alt: document.querySelector('.lead-photo img')?.getAttribute('alt') ?? null, title: document.title,
            ogTitle: meta('property', 'og:title'), twitterTitle: meta('name', 'twitter:title'), description: meta('name', 'description'),
            ogDescription: meta('property', 'og:description'), ogImageAlt: meta('property', 'og:image:alt'),
            ldHeadline: ld.headline, ldDescription: ld.description, dateline: text('.body strong.dateline'),
            body: text('.body'),
          };
        }
        """;

    private const string EditorTextProbe = """
        () => ({
          headline: document.querySelector('#headline')?.getAttribute('value') ?? null,
          summary: document.querySelector('#summary')?.textContent ?? null,
          dateline: document.querySelector('#dateline')?.getAttribute('value') ?? null,
          body: document.querySelector('#body')?.textContent ?? null,
          title: document.title,
        })
        """;

    [SkippableFact]
    public async Task NoVectorRunsOnReaderOrNewsroomPagesAndEveryOneReadsAsTyped()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var stories = await PublishEveryVectorAsync();
        var published = clock.Elapsed;
        var alarms = new Alarms();
        var page = await WatchedPageAsync(alarms);
        var lanes = new[] { page, await WatchedPageAsync(alarms, page.Context) };
        var problems = new ConcurrentQueue<string>();

        await ForEachInLanesAsync(lanes, stories, async (lane, story) =>
        {
            var where = $"reader page of vector {story.Vector}";
            await OpenAsync(lane, alarms, story.Path, where);
            foreach (var problem in await ActiveContentAsync(lane)) problems.Enqueue($"{where}: {problem}");
            foreach (var problem in ReaderTextProblems(story, await lane.EvaluateAsync<Dictionary<string, string?>>(ArticleTextProbe))) problems.Enqueue(problem);
        });

        var readerPages = clock.Elapsed;
        await OpenAsync(page, alarms, "/", "home page");
        foreach (var problem in await ActiveContentAsync(page)) problems.Enqueue($"home: {problem}");
        var homeHeadlines = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('a')].map(a => a.textContent).filter(t => t.startsWith('XSS-'))");
        foreach (var h in homeHeadlines.Where(h => stories.All(s => s.Headline != h))) problems.Enqueue($"home: a link reads '{h}', which no story is called");
        Assert.True(homeHeadlines.Length >= 10, $"the home page shows only {homeHeadlines.Length} of the stories");

        await SignInAsync(page);
        await ForEachInLanesAsync(lanes, stories, async (lane, story) =>
        {
            var where = $"newsroom editor of vector {story.Vector}";
            await OpenAsync(lane, alarms, $"/redaksi/berita/{story.Id}", where);
            foreach (var problem in await ActiveContentAsync(lane)) problems.Enqueue($"{where}: {problem}");
            foreach (var problem in EditorTextProblems(story, await lane.EvaluateAsync<Dictionary<string, string?>>(EditorTextProbe))) problems.Enqueue(problem);
        });

        await OpenAsync(page, alarms, "/redaksi", "newsroom dashboard");
        foreach (var problem in await ActiveContentAsync(page)) problems.Enqueue($"dashboard: {problem}");
        var deskHeadlines = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('.recent a')].map(a => a.textContent).filter(t => t.startsWith('XSS-'))");
        Assert.True(deskHeadlines.Length >= 10, $"the dashboard shows only {deskHeadlines.Length} of the stories");
        foreach (var h in deskHeadlines.Where(h => stories.All(s => s.Headline != h))) problems.Enqueue($"dashboard: a link reads '{h}'");

        await OpenAsync(page, alarms, "/redaksi/pilihan?situs=nasional", "newsroom picks");
        foreach (var problem in await ActiveContentAsync(page)) problems.Enqueue($"picks: {problem}");
        var picked = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('button[aria-label^=\"Naik: \"]')].map(b => b.getAttribute('aria-label').slice(6))");
        Assert.Equal(stories.Take(HomeLists.MaxPicks).Select(s => s.Headline), picked);

        // Captions and credits in the photo library; headlines on a sister site's syndication list.
        await OpenAsync(page, alarms, "/redaksi/media?situs=nasional", "newsroom photo library");
        foreach (var problem in await ActiveContentAsync(page)) problems.Enqueue($"photo library: {problem}");
        await OpenAsync(page, alarms, "/redaksi/sindikasi?situs=solo", "newsroom syndication");
        foreach (var problem in await ActiveContentAsync(page)) problems.Enqueue($"syndication: {problem}");

        await OpenAsync(page, alarms, "/redaksi/audit", "newsroom audit log");
        foreach (var problem in await ActiveContentAsync(page)) problems.Enqueue($"audit: {problem}");
        var logged = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('table.audit td')].map(td => td.textContent)");
        foreach (var s in stories.Where(s => !logged.Contains($"artikel:{s.Id} {s.Headline}"))) problems.Enqueue($"audit: no entry reads 'artikel:{s.Id} {s.Headline}'");

        await page.WaitForTimeoutAsync(300);
        output.WriteLine($"{XssVectors.Count} vectors, {stories.Count * 2 + 4} pages: published in {published.TotalSeconds:0.0} s, " +
            $"reader pages by {readerPages.TotalSeconds:0.0} s, newsroom by {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(alarms.Fired.IsEmpty, $"Script ran:\n{alarms}");
        Assert.True(problems.IsEmpty, string.Join("\n", problems));
    }

    /// <summary>
    /// The harness itself: each live vector, pasted unescaped into the contexts the app writes to (text,
    /// title, double- and single-quoted attributes, JSON-LD), must be caught by the same alarms and
    /// probe, and each trap must stay inert. Without this, a vector that can never fire would pass.
    /// </summary>
    [SkippableFact]
    public async Task TheAlarmsCatchEveryLiveVectorPastedUnescaped()
    {
        var alarms = new Alarms();
        var page = await WatchedPageAsync(alarms);
        await page.Context.RouteAsync(new Regex(@"/__kontrol/\d+$"), route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html; charset=utf-8", Body = Unescaped(XssVectors.For(int.Parse(route.Request.Url.Split('/')[^1]))),
        }));
        var probed = new Dictionary<int, string[]>();

        foreach (var vector in XssVectors.Ids)
        {
            alarms.Where = $"vector {vector} pasted raw";
            try
            {
                await page.GotoAsync($"/__kontrol/{vector}", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
                await page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
                probed[vector] = await ActiveContentAsync(page);
            }
            catch (PlaywrightException)
            {
                probed[vector] = ["the page went away"];
            }
        }
        await page.WaitForTimeoutAsync(300);

        var missed = XssVectors.Ids.Where(v => !XssVectors.IsTrap(v) && !alarms.Caught(v) && probed[v].Length == 0).ToList();
        var sprung = XssVectors.Ids.Where(v => XssVectors.IsTrap(v) && (alarms.Caught(v) || probed[v].Length > 0)).ToList();
        output.WriteLine($"{XssVectors.Ids.Count(alarms.Caught)} of {XssVectors.Count} vectors ran when pasted raw; the probe flagged {probed.Count(p => p.Value.Length > 0)}");
        Assert.True(missed.Count == 0, "Not caught when pasted raw:\n" + string.Join("\n", missed.Select(v => $"{v}: {XssVectors.For(v)}")));
        Assert.True(sprung.Count == 0, "Traps that run as typed (make them live vectors):\n" + string.Join("\n", sprung.Select(v => $"{v}: {XssVectors.For(v)}")));
    }

    /// <summary>A page written the way an app that forgot to escape would write it.</summary>
    private static string Unescaped(string vector) => $$"""
        <!DOCTYPE html>
        <html lang="id"><head><meta charset="utf-8"><title>{{vector}} - Redaksi</title>
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"{{vector}}"}</script></head>
        <body><h1>{{vector}}</h1><p><input value="{{vector}}"></p><p><input value='{{vector}}'></p></body></html>
        """;

    /// <summary>
    /// A Chromium page whose every frame has the marker <c>__xss</c>, whose dialogs, popups, requests
    /// off the app's origin and navigations away are all alarms.
    /// </summary>
    private async Task<IPage> WatchedPageAsync(Alarms alarms, IBrowserContext? shared = null)
    {
        var origin = App.Address!.GetLeftPart(UriPartial.Authority);
        var context = shared ?? await WatchedContextAsync(alarms, origin);
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) =>
        {
            alarms.Add($"{dialog.Type}(\"{dialog.Message}\")", int.TryParse(dialog.Message, out var id) ? id : null);
            _ = dialog.DismissAsync();
        };
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame && !frame.Url.StartsWith(origin)) alarms.Add($"navigated to {frame.Url}");
        };
        return page;
    }

    private async Task<IBrowserContext> WatchedContextAsync(Alarms alarms, string origin)
    {
        var context = await Browser.Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.Address!.ToString(), Locale = "id-ID" });
        await context.ExposeFunctionAsync<int>("__xss", id => alarms.Add($"__xss({id}) ran: {XssVectors.For(id)}", id));
        await context.RouteAsync(url => !url.StartsWith(origin), async route =>
        {
            alarms.Add($"request to {route.Request.Url}");
            await route.AbortAsync();
        });
        // Photos are beside the point here, and making renditions for every copy would triple the run.
        await context.RouteAsync($"{origin}/media/**", route => route.FulfillAsync(new RouteFulfillOptions { ContentType = "image/png", BodyBytes = OnePixelPng }));
        context.Page += async (_, opened) =>
        {
            if (await opened.OpenerAsync() is not null) alarms.Add($"popup {opened.Url}");
        };
        return context;
    }

    /// <summary>Two tabs share the work: a page load is mostly waiting, and there are 160 of them.</summary>
    private static Task ForEachInLanesAsync(IPage[] lanes, IReadOnlyList<Story> stories, Func<IPage, Story, Task> visit) =>
        Task.WhenAll(lanes.Select(async (lane, index) =>
        {
            for (var i = index; i < stories.Count; i += lanes.Length) await visit(lane, stories[i]);
        }));

    private static async Task OpenAsync(IPage page, Alarms alarms, string path, string where)
    {
        alarms.Where = where;
        var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.True(response?.Status == 200, $"{where}: {path} answered {response?.Status}");
        // Handlers bound to animation, focus and media errors fire within a frame or two of load.
        await page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
    }

    private static Task<string[]> ActiveContentAsync(IPage page) => page.EvaluateAsync<string[]>(ActiveContentProbe);

    private static IEnumerable<string> ReaderTextProblems(Story story, Dictionary<string, string?> shown)
    {
        var where = $"reader page of vector {story.Vector}";
        var expected = new Dictionary<string, string?>
        {
            ["h1"] = story.Headline, ["ogTitle"] = story.Headline, ["twitterTitle"] = story.Headline, ["ldHeadline"] = story.Headline,
            ["title"] = $"{Collapse(story.Headline)} - WartaNasional",
            ["lede"] = story.Summary, ["description"] = story.Summary, ["ogDescription"] = story.Summary, ["ldDescription"] = story.Summary,
            ["caption"] = story.Text, ["credit"] = story.Text, ["alt"] = story.Text, ["ogImageAlt"] = story.Text, ["dateline"] = story.Dateline,
        };
        foreach (var (field, value) in expected)
            if (shown.GetValueOrDefault(field) != value) yield return $"{where}: {field} reads {Quote(shown.GetValueOrDefault(field))}, typed {Quote(value)}";
        if (shown.GetValueOrDefault("body")?.Contains($"XSS-{story.Vector:D2} penanda") != true) yield return $"{where}: the body lost its own text";
    }

    private static IEnumerable<string> EditorTextProblems(Story story, Dictionary<string, string?> shown)
    {
        var where = $"newsroom editor of vector {story.Vector}";
        var expected = new Dictionary<string, string?>
        {
            ["headline"] = story.Headline, ["summary"] = story.Summary, ["dateline"] = story.Dateline, ["body"] = story.BodyHtml,
            ["title"] = $"{Collapse(story.Headline)} - Redaksi Warta",
        };
        foreach (var (field, value) in expected)
            if (shown.GetValueOrDefault(field) != value) yield return $"{where}: {field} reads {Quote(shown.GetValueOrDefault(field))}, typed {Quote(value)}";
    }

    /// <summary>document.title collapses HTML whitespace.</summary>
    private static string Collapse(string text) => string.Join(' ', text.Split([' ', '\t', '\n', '\f', '\r'], StringSplitOptions.RemoveEmptyEntries));

    private static string Quote(string? text) => text is null ? "nothing" : JsonSerializer.Serialize(text);

    private static Task SignInAsync(IPage page) => Browser.SignInAsync(page, AdminEmail, AdminPassword);

    /// <summary>
    /// One story per vector on nasional, through the newsroom workflow (so the body is sanitized as
    /// any save is), with a lead photo whose caption, credit and alt text are the vector (set in the
    /// store: the upload page is not there yet). The first ten become Berita Pilihan.
    /// </summary>
    private async Task<List<Story>> PublishEveryVectorAsync()
    {
        using var scope = App.Services.CreateScope();
        var services = scope.ServiceProvider;
        Assert.True((await services.GetRequiredService<StaffAccounts>().AddAsync(AdminEmail, AdminPassword, null, StaffRole.NetworkAdmin, "Admin Jaringan")).Succeeded);
        var user = await services.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(AdminEmail);
        ClaimsPrincipal admin = await services.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>().CreateAsync(user!);
        var workflow = services.GetRequiredService<ArticleWorkflow>();
        var picks = services.GetRequiredService<HomeCuration>();
        var db = services.GetRequiredService<WartaDbContext>();
        var site = services.GetRequiredService<SiteDirectory>().FindBySlug("nasional")!;
        var photo = await db.Media.AsNoTracking().FirstAsync(m => m.SiteId == site.Id);
        var storage = services.GetRequiredService<IMediaStorage>();

        var ids = new List<(int Vector, int Id)>();
        foreach (var vector in XssVectors.Ids)
        {
            var text = XssVectors.For(vector);
            var headline = $"XSS-{vector:D2} {text}";
            var section = site.Sections[vector % site.Sections.Count].Id;
            var created = await workflow.CreateAsync(admin, site.Id,
                new ArticleDraft(headline, text, section, $"<p>XSS-{vector:D2} penanda badan.</p>{text}<p>Penutup.</p>", text));
            Assert.True(created.Succeeded, $"vector {vector}: {created.Message}");

            // Each record needs its own original; a copy of a demo photo will do.
            var key = $"{photo.StorageKey}x{vector:D3}";
            await using (var original = storage.OpenRead($"{photo.StorageKey}.{photo.Extension}")!)
            using (var copy = new MemoryStream())
            {
                await original.CopyToAsync(copy);
                await storage.WriteAsync($"{key}.{photo.Extension}", copy.ToArray(), CancellationToken.None);
            }
            var asset = new MediaAsset
            {
                SiteId = site.Id, StorageKey = key, Extension = photo.Extension, Width = photo.Width, Height = photo.Height,
                Caption = text, Credit = text, AltText = text, CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Media.Add(asset);
            await db.SaveChangesAsync();
            await db.Articles.Where(a => a.Id == created.ArticleId).ExecuteUpdateAsync(a => a
                .SetProperty(x => x.LeadMediaId, asset.Id).SetProperty(x => x.ExternalId, $"xss-{vector}"));

            var published = await workflow.PublishAsync(admin, created.ArticleId, created.Version);
            Assert.True(published.Succeeded, $"vector {vector}: {published.Message}");
            if (vector <= HomeLists.MaxPicks) Assert.Equal(StepOutcome.Ok, await picks.AddAsync(admin, site.Id, HomeList.Picks, created.ArticleId));
            ids.Add((vector, created.ArticleId));
        }

        var stories = new List<Story>();
        foreach (var (vector, id) in ids)
        {
            var stored = await db.Articles.AsNoTracking().SingleAsync(a => a.Id == id);
            stories.Add(new Story(vector, id, stored.Headline, stored.Summary, stored.Dateline!, stored.BodyHtml, XssVectors.For(vector), await App.PathAsync($"xss-{vector}")));
        }
        return stories;
    }
}
