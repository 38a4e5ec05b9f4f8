using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Warta.Accounts;
using Warta.Network;

namespace Warta.Security;

/// <summary>
/// Headers every response carries: no sniffing, a referrer policy, a frame policy and a Content
/// Security Policy that runs only the app's own script and style files. Reader pages come from the
/// page cache, so their policy holds no per-request nonce: the one inline block (the brand colour) is
/// allowed by its hash, which a cached body always matches (docs/decisions/0012).
/// </summary>
public static partial class SecurityHeaders
{
    private const string Common = "default-src 'self'; script-src 'self'; img-src 'self' data: https:; object-src 'none'; base-uri 'self'; form-action 'self'";
    private const string Api = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>Early, so that error pages, static files and cached pages get the headers too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                Apply((HttpContext)state);
                return Task.CompletedTask;
            }, context);
            return next(context);
        });

    // Decided when the response starts, on the path then current: an error page re-executed for a
    // newsroom or API address is a reader page and gets the reader's policy.
    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api"))
        {
            headers.ContentSecurityPolicy = Api;
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
        }
        else if (path.StartsWithSegments(AccountsServices.NewsroomPath))
        {
            // The live console shows the reader's page of a report, on that site's own host.
            headers.ContentSecurityPolicy = $"{Common}; style-src 'self'; frame-src 'self' {NetworkHosts(context)}; frame-ancestors 'none'";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
        }
        else
        {
            var brand = context.Features.Get<SiteInfo>() is { } site ? $" {BrandStyle.HashSource(site)}" : "";
            // Framed only by the network's own pages (the newsroom's live console, on any site's host).
            headers.ContentSecurityPolicy = $"{Common}; style-src 'self'{brand}; frame-ancestors 'self' {NetworkHosts(context)}";
            // For browsers without frame-ancestors; the others ignore it when the policy has one.
            headers.XFrameOptions = "SAMEORIGIN";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        }
    }

    /// <summary>Every host of every site, on this request's port; the scheme is this request's.</summary>
    private static string NetworkHosts(HttpContext context)
    {
        var port = context.Request.Host.Port is { } p ? $":{p}" : "";
        return string.Join(' ', context.RequestServices.GetRequiredService<SiteDirectory>().All
            .SelectMany(s => s.Hosts).Where(h => HostName().IsMatch(h)).Select(h => h + port));
    }

    [GeneratedRegex("^[A-Za-z0-9.-]+$")]
    private static partial Regex HostName();
}

/// <summary>
/// The reader layout's one inline block: the site's brand colour as a CSS variable. The policy allows
/// exactly this text by its SHA-256, so the colour must be a plain CSS colour; anything else falls
/// back to the default red.
/// </summary>
public static partial class BrandStyle
{
    private const string DefaultColour = "#b3121a";
    private static readonly ConcurrentDictionary<string, string> Hashes = new();

    public static string Css(SiteInfo site) => $":root{{--brand:{(Colour().IsMatch(site.BrandColor) ? site.BrandColor : DefaultColour)}}}";

    /// <summary>The CSP source that allows <see cref="Css"/>, e.g. 'sha256-...'; one per colour, computed once.</summary>
    public static string HashSource(SiteInfo site) =>
        Hashes.GetOrAdd(site.BrandColor, _ => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css(site))))}'");

    [GeneratedRegex("^(#[0-9A-Fa-f]{3,8}|[A-Za-z]{3,20})$")]
    private static partial Regex Colour();
}
