using System.Diagnostics;
using Warta.Content;
using Warta.Live;

/// <summary>
/// How long <see cref="ArticleHtml.Sanitize"/> takes on hostile and on ordinary bodies: what a save through
/// the API, the story page or the live desk spends on the body before anything is stored.
/// </summary>
public static class SanitizeBench
{
    public static int Run(int rounds)
    {
        var html = new ArticleHtml();
        var paragraph = "<p>Wali Kota Solo meresmikan <strong>pasar baru</strong> di Jebres, <a href=\"/solo/2026/12/01/pasar\">tautan</a>.</p>";
        (string Name, string Body, int MaxLength)[] cases =
        [
            ("1 MB of nested <div> (article)", Repeat("<div>", 200_000), ArticleHtml.MaxBodyLength),
            ("1 MB of nested <div> (live entry)", Repeat("<div>", 200_000), LiveDesk.MaxEntryLength),
            ("500 kB of nested <div> (99,999 deep)", Repeat("<div>", 99_999), ArticleHtml.MaxBodyLength),
            ("450 kB of nested <b> (150,000 deep)", Repeat("<b>", 150_000), ArticleHtml.MaxBodyLength),
            ("unclosed <b class> re-opened per paragraph (5,000)", string.Concat(Enumerable.Range(0, 5_000).Select(i => $"<p><b class=\"k{i}\"></p>")), ArticleHtml.MaxBodyLength),
            ("20 kB nested <div> (live entry, 3,999 deep)", Repeat("<div>", 3_999), LiveDesk.MaxEntryLength),
            ("500 kB of sibling <br> (125,000)", Repeat("<br>", 125_000), ArticleHtml.MaxBodyLength),
            ("500 kB of sibling <x></x>, unknown, unwrapped (71,428)", Repeat("<x></x>", 71_428), ArticleHtml.MaxBodyLength),
            ("500 kB of sibling <div>x</div> (41,666)", Repeat("<div>x</div>", 41_666), ArticleHtml.MaxBodyLength),
            ("64 nested <blockquote> (the limit, kept)", Repeat("<blockquote>", ArticleHtml.MaxDepth) + "x", ArticleHtml.MaxBodyLength),
            ("ordinary long story, 400 kB (3,500 paragraphs)", Repeat(paragraph, 3_500), ArticleHtml.MaxBodyLength),
            ("ordinary story, 8 kB (70 paragraphs)", Repeat(paragraph, 70), ArticleHtml.MaxBodyLength),
        ];
        html.Sanitize(cases[^1].Body);
        Console.WriteLine($"{"input",-52} {"chars",10} {"outcome",-28} {"median ms",10} {"max ms",8}");
        foreach (var (name, body, maxLength) in cases)
        {
            var times = new List<double>();
            SanitizedHtml result = null!;
            for (var round = 0; round < rounds; round++)
            {
                var clock = Stopwatch.StartNew();
                result = html.Sanitize(body, maxLength);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            var outcome = result.Refusal is { } refusal ? "refused: " + refusal[..Math.Min(18, refusal.Length)] : $"kept, {result.Html.Length:N0} chars";
            Console.WriteLine($"{name,-52} {body.Length,10:N0} {outcome,-28} {times[times.Count / 2],10:F1} {times[^1],8:F1}");
        }
        return 0;
    }

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));
}
