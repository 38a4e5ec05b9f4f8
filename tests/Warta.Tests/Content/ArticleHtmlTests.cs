using Warta.Content;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Content;

public sealed class ArticleHtmlTests
{
    private readonly ArticleHtml _html = new();

    public static TheoryData<string> HostileFragments => new()
    {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//xss.test/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<body onload=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<p style=\"background:url(javascript:alert(1))\">x</p>",
        "<p style=\"width: expression(alert(1))\">x</p>",
        "<style>@import 'http://xss.test/x.css';</style>",
        "<link rel=stylesheet href=http://xss.test/x.css>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "<input onfocus=alert(1) autofocus>",
        "<details open ontoggle=alert(1)>",
        "<video><source onerror=\"alert(1)\"></video>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<p onclick=\"alert(1)\">klik</p>",
        "<img src=\"x\" onerror=\"&#97;lert(1)\">",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<img src=\"javascript:alert(1)\">",
        "<p class=\"page-break\" onmouseover=alert(1)>x</p>",
        "<template><script>alert(1)</script></template>",
    };

    [Theory]
    [MemberData(nameof(HostileFragments))]
    public void HostileMarkupLeavesNothingThatCanRun(string fragment)
    {
        var clean = _html.Sanitize($"<p>Sebelum</p>{fragment}<p>Sesudah</p>").Html;
        var document = Html.Parse(clean);

        Assert.Empty(document.QuerySelectorAll("script, iframe, object, embed, form, input, style, link, meta, base, svg, math, template, video"));
        Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || a.Name == "style"));
        Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Name is "href" or "src" && !IsSafeUrl(a.Value)));
        // Text before the attack always survives; an unclosed <math> or <svg> may swallow what follows.
        Assert.StartsWith("<p>Sebelum</p>", clean);
    }

    [Theory]
    [InlineData("<p>Biasa <strong>tebal</strong> dan <em>miring</em>.</p>", "<p>Biasa <strong>tebal</strong> dan <em>miring</em>.</p>")]
    [InlineData("<h2>Subjudul</h2><blockquote>Kutipan</blockquote>", "<h2>Subjudul</h2><blockquote>Kutipan</blockquote>")]
    [InlineData("<p>a</p><hr class=\"page-break\"><p>b</p>", "<p>a</p><hr class=\"page-break\"><p>b</p>")]
    [InlineData("<p class=\"baca-juga\">Baca juga: <a href=\"/x/2022/08/17/y\">Judul</a></p>", "<p class=\"baca-juga\">Baca juga: <a href=\"/x/2022/08/17/y\">Judul</a></p>")]
    [InlineData("<p class=\"merah besar\">x</p>", "<p>x</p>")]
    [InlineData("<span>satu</span> <font>dua</font>", "satu dua")]
    [InlineData("<a href=\"https://contoh.test/\">luar</a>", "<a href=\"https://contoh.test/\" rel=\"nofollow noopener noreferrer\">luar</a>")]
    [InlineData("<a href=\"tel:+62271123456\">telepon</a>", "<a href=\"tel:+62271123456\">telepon</a>")]
    [InlineData("<a href=\"mailto:redaksi@warta.test\">surel</a>", "<a href=\"mailto:redaksi@warta.test\">surel</a>")]
    public void AllowedMarkupIsKeptAndTheRestUnwrapped(string input, string expected)
    {
        Assert.Equal(expected, _html.Sanitize(input).Html);
    }

    [Theory]
    [InlineData("<div>Paragraf satu.</div><div>Paragraf dua.</div>", "<p>Paragraf satu.</p><p>Paragraf dua.</p>")]
    [InlineData("<div><span>isi</span></div>", "<p>isi</p>")]
    [InlineData("<dl><dt>Nama</dt><dd>Budi</dd><dt>Umur</dt><dd>40</dd></dl>", "<p>Nama</p><p>Budi</p><p>Umur</p><p>40</p>")]
    [InlineData("<section>Pembuka <b>tebal</b><p>Tengah</p>Penutup</section>", "<p>Pembuka <b>tebal</b></p><p>Tengah</p><p>Penutup</p>")]
    [InlineData("<article><header>Judul kecil</header><div><div>Dalam</div></div></article>", "<p>Judul kecil</p><p>Dalam</p>")]
    [InlineData("<ul><li><div>a</div><div>b</div></li></ul>", "<ul><li><p>a</p><p>b</p></li></ul>")]
    [InlineData("<h2><div>Baris satu</div><div>Baris dua</div></h2>", "<h2>Baris satu<br>Baris dua</h2>")]
    [InlineData("<div> </div><div><script>x()</script></div><div>Isi</div>", "<p>Isi</p>")]
    [InlineData("Lepas<div>Kotak</div>", "Lepas<p>Kotak</p>")]
    public void UnwrappedBlocksStaySeparateParagraphs(string input, string expected)
    {
        Assert.Equal(expected, _html.Sanitize(input).Html);
    }

    public static TheoryData<string, string> OverComplexMarkup => new()
    {
        { Nested("div", 99_999), "Tag bersarang lebih dari 64 tingkat" },
        { Nested("b", 150_000), "Tag bersarang lebih dari 64 tingkat" },
        { Nested("div", ArticleHtml.MaxDepth + 1), "Tag bersarang lebih dari 64 tingkat" },
        { string.Concat(Enumerable.Range(0, 5_000).Select(i => $"<p><b class=\"k{i}\"></p>")), "Tag bersarang lebih dari 64 tingkat" },
        { string.Concat(Enumerable.Repeat("<table><tr><td><div>", 10_000)), "Tag bersarang lebih dari 64 tingkat" },
        { new string('x', ArticleHtml.MaxBodyLength + 1), "Teks paling panjang 500.000 karakter; yang dikirim 500.001 karakter." },
        { Nested("div", 200_000), "Teks paling panjang 500.000 karakter" },
    };

    [Theory]
    [MemberData(nameof(OverComplexMarkup))]
    public void MarkupTooLongOrTooDeepIsRefusedWithTheLimit(string input, string refusal)
    {
        var result = _html.Sanitize(input);

        Assert.StartsWith(refusal, result.Refusal);
        Assert.Equal("", result.Html);
    }

    [Fact]
    public void NestingUpToTheLimitIsKept()
    {
        var result = _html.Sanitize(string.Concat(Enumerable.Repeat("<blockquote>", ArticleHtml.MaxDepth)) + "kutipan");

        Assert.Null(result.Refusal);
        Assert.Equal(ArticleHtml.MaxDepth, Html.Parse(result.Html).QuerySelectorAll("blockquote").Length);
    }

    [Fact]
    public void ShorterLimitsApplyToShorterTexts()
    {
        Assert.Equal("Teks paling panjang 10 karakter; yang dikirim 11 karakter.", _html.Sanitize("<p>123456</p>"[..11], 10).Refusal);
    }

    [Theory]
    [InlineData("Korea\u00a0Utara", "Korea Utara")]
    [InlineData("  dua   spasi\t dan tab ", "dua spasi dan tab")]
    [InlineData("nol\u200blebar", "nol lebar")]
    public void NormalizeTurnsOddSpacesIntoPlainOnes(string input, string expected)
    {
        Assert.Equal(expected, ArticleHtml.Normalize(input));
    }

    [Fact]
    public void ParagraphsAreEncodedSoTextNeverBecomesMarkup()
    {
        Assert.Equal("<p>1 &lt; 2 &amp; &lt;b&gt;</p><p>kedua</p>", ArticleHtml.FromParagraphs(["1 < 2 & <b>", "", "kedua"]));
    }

    [Fact]
    public void PagesSplitAtPageBreaks()
    {
        Assert.Equal(["<p>a</p>", "<p>b</p>"], ArticleHtml.SplitPages($"<p>a</p>{ArticleHtml.PageBreak}<p>b</p>"));
        Assert.Equal(["<p>a</p>"], ArticleHtml.SplitPages("<p>a</p>"));
    }

    private static bool IsSafeUrl(string url)
    {
        var trimmed = url.Trim();
        return trimmed.StartsWith('/') || trimmed.StartsWith("http://") || trimmed.StartsWith("https://") || trimmed.StartsWith("mailto:")
            || trimmed.StartsWith("tel:") || !trimmed.Contains(':');
    }

    private static string Nested(string tag, int depth) => string.Concat(Enumerable.Repeat($"<{tag}>", depth)) + "x";
}
