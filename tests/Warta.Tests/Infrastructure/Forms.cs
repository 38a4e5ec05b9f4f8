using AngleSharp.Dom;

namespace Warta.Tests.Infrastructure;

public static class Forms
{
    /// <summary>Posts a form of the page as a browser would (its fields, token included), with some fields changed.</summary>
    public static async Task<(HttpResponseMessage Response, IDocument Page)> PostFormAsync(this HttpClient client, IDocument page, string action,
        Dictionary<string, string>? changes = null, string formSelector = "form.editor")
    {
        var form = page.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No '{formSelector}' on the page.");
        var fields = form.QuerySelectorAll("input[name], textarea[name], select[name]")
            .Where(e => e.GetAttribute("type") is not "checkbox")
            .ToDictionary(e => e.GetAttribute("name")!, e => e.LocalName switch
            {
                "textarea" => e.TextContent,
                "select" => e.QuerySelector("option[selected]")?.GetAttribute("value") ?? e.QuerySelector("option")!.GetAttribute("value")!,
                _ => e.GetAttribute("value") ?? "",
            });
        foreach (var (key, value) in changes ?? []) fields[key] = value;
        var response = await client.PostAsync(action, new FormUrlEncodedContent(fields));
        return (response, Html.Parse(await response.Content.ReadAsStringAsync()));
    }
}
