using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Operations;

/// <summary>
/// docs/routes.md is the one table of every address the app answers. It is compared with the app's
/// own endpoints, so a route added, renamed or removed without its row fails here, naming the row.
/// </summary>
public sealed class RoutesDocumentTests
{
    private const string Document = "docs/routes.md";
    private static readonly string SourceRoot = Path.Combine(SharedFiles.RepositoryRoot, "src", "Warta");

    /// <summary>One request shape: a method and a path template, with <c>?handler=</c> for a named page handler.</summary>
    private sealed record Route(string Method, string Path)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    /// <summary>Who serves a route: a page's file (relative to src/Warta), or the class that holds an endpoint's handler.</summary>
    private sealed record Server(string? PageFile, Type? HandlerType)
    {
        public override string ToString() =>
            PageFile ?? (HandlerType is { } type ? $"class {type.Name} ({type.Assembly.GetName().Name})" : "a handler of unknown class");
    }

    private sealed record Row(int Line, string Source);

    [Fact]
    public async Task RoutesDocumentListsEveryRouteTheAppServesAndNoOther()
    {
        await using var app = await WartaApp.StartAsync();
        var served = await ServedRoutesAsync(app.Services);
        var (documented, twice) = DocumentedRoutes(await File.ReadAllLinesAsync(Path.Combine(SharedFiles.RepositoryRoot, Document)));

        var missing = served.Where(r => !documented.ContainsKey(r.Key)).Select(r => $"{r.Key}    (served by {r.Value})");
        var extra = documented.Where(r => !served.ContainsKey(r.Key)).Select(r => $"{r.Key}    (line {r.Value.Line})");
        var wrongSource = documented.Where(r => served.ContainsKey(r.Key))
            .Select(r => (r.Key, Row: r.Value, Problem: SourceProblem(r.Value.Source, served[r.Key])))
            .Where(r => r.Problem is not null)
            .Select(r => $"{r.Key}    (line {r.Row.Line}: {r.Problem})");

        var problems = new[]
        {
            Section($"Served by the app but missing from {Document}:", missing),
            Section($"Listed in {Document} but not served by the app:", extra),
            Section($"Listed in {Document} more than once:", twice),
            Section($"Listed in {Document} with a source that does not serve it:", wrongSource),
        }.Where(s => s.Length > 0).ToList();
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    private static string Section(string title, IEnumerable<string> lines)
    {
        var sorted = lines.Order(StringComparer.Ordinal).ToList();
        return sorted.Count == 0 ? "" : $"{title}\n  {string.Join("\n  ", sorted)}";
    }

    private static async Task<Dictionary<Route, Server>> ServedRoutesAsync(IServiceProvider services)
    {
        var routes = new Dictionary<Route, Server>();
        var pages = services.GetRequiredService<PageLoader>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = Normalise(endpoint.RoutePattern.RawText ?? "");
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } descriptor)
            {
                var page = endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>() ?? await pages.LoadAsync(descriptor, endpoint.Metadata);
                var server = new Server(page.RelativePath.TrimStart('/'), null);
                foreach (var handler in page.HandlerMethods)
                    routes[new Route(handler.HttpMethod.ToUpperInvariant(), handler.Name is null ? path : $"{path}?handler={handler.Name}")] = server;
                // A page without an OnGet still renders on GET (Reading/UnknownHandlerFilter.cs).
                routes.TryAdd(new Route("GET", path), server);
            }
            else
            {
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods
                    ?? throw new InvalidOperationException($"Endpoint '{endpoint.DisplayName}' answers every method; give it one so the table can name it.");
                var handler = endpoint.Metadata.GetMetadata<MethodInfo>()?.DeclaringType;
                while (handler?.DeclaringType is not null) handler = handler.DeclaringType;
                foreach (var method in methods) routes[new Route(method, path)] = new Server(null, handler);
            }
        }
        return routes;
    }

    /// <summary>Pages' templates have no leading slash and grouped endpoints may end in one; the table writes neither.</summary>
    private static string Normalise(string template) => "/" + template.Trim('/');

    /// <summary>
    /// Rows of every table whose header has the columns method, path and source. A method cell may
    /// hold several methods ("GET, POST"); paths and sources are written as code.
    /// </summary>
    private static (Dictionary<Route, Row> Routes, List<string> Twice) DocumentedRoutes(string[] lines)
    {
        var routes = new Dictionary<Route, Row>();
        var twice = new List<string>();
        int? method = null, path = null, source = null;
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].TrimStart().StartsWith('|'))
            {
                method = path = source = null;
                continue;
            }
            var cells = lines[i].Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();
            if (method is null)
            {
                var header = cells.Select(c => c.ToLowerInvariant()).ToList();
                if (header.Contains("method") && header.Contains("path") && header.Contains("source"))
                    (method, path, source) = (header.IndexOf("method"), header.IndexOf("path"), header.IndexOf("source"));
                continue;
            }
            if (cells.All(c => c.Trim(':').All(ch => ch == '-'))) continue;
            var row = new Row(i + 1, Code(cells[source!.Value]));
            foreach (var verb in cells[method.Value].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var route = new Route(verb.ToUpperInvariant(), Code(cells[path!.Value]));
                if (!routes.TryAdd(route, row)) twice.Add($"{route}    (lines {routes[route].Line} and {row.Line})");
            }
        }
        return (routes, twice);
    }

    private static string Code(string cell) => cell.Trim().Trim('`');

    /// <summary>
    /// A page's row names the page (its .cshtml or .cshtml.cs); an endpoint's row names a file that
    /// declares the handler's class, or, for a handler from a framework package, the file that maps it.
    /// </summary>
    private static string? SourceProblem(string source, Server server)
    {
        var file = Path.Combine(SourceRoot, source);
        if (!File.Exists(file)) return $"src/Warta/{source} does not exist";
        if (server.PageFile is { } page)
            return source == page || source == page + ".cs" ? null : $"the page is {page}";
        if (server.HandlerType is { } type && type.Assembly == typeof(Program).Assembly
            && !Regex.IsMatch(File.ReadAllText(file), $@"\bclass {Regex.Escape(type.Name)}\b"))
            return $"the handler is in {server}";
        return null;
    }
}
