using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Warta.Security;

/// <summary>The proxies in front of the app (TLS terminators, load balancers). None by default.</summary>
public sealed class ForwardedProxyOptions
{
    public const string Section = "Warta:ForwardedHeaders";

    /// <summary>Addresses of proxies whose X-Forwarded-For and X-Forwarded-Proto are believed ("10.0.0.2").</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies, in CIDR notation ("10.0.0.0/24").</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

public static class ForwardedProxies
{
    public static IServiceCollection AddForwardedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(ForwardedProxyOptions.Section).Get<ForwardedProxyOptions>() ?? new ForwardedProxyOptions();
        var proxies = settings.KnownProxies.Select(p => Parse(p, "KnownProxies", IPAddress.Parse)).ToList();
        var networks = settings.KnownNetworks.Select(n => Parse(n, "KnownNetworks", System.Net.IPNetwork.Parse)).ToList();
        services.AddSingleton(settings);
        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            // X-Forwarded-Host is left alone: the site is chosen by Host, which the proxy passes on
            // (`proxy_set_header Host $host`), and many proxies pass a client's X-Forwarded-Host untouched.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; here only what the operator listed counts.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list still holds the loopback default and is still consulted
            forwarded.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var proxy in proxies) forwarded.KnownProxies.Add(proxy);
            foreach (var network in networks) forwarded.KnownIPNetworks.Add(network);
            // Walk back through X-Forwarded-For while the hop is a listed proxy: with every hop
            // listed the first unlisted address is the reader's, whatever a client put in front.
            forwarded.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>Must come first: everything after it (cookies, rate limits, audit) sees the reader's address and scheme.</summary>
    public static IApplicationBuilder UseForwardedProxies(this IApplicationBuilder app)
    {
        var settings = app.ApplicationServices.GetRequiredService<ForwardedProxyOptions>();
        // With both lists empty the middleware believes every sender (its mode for containers), so
        // without a configured proxy it must not run at all.
        return settings.KnownProxies.Count + settings.KnownNetworks.Count == 0 ? app : app.UseForwardedHeaders();
    }

    private static T Parse<T>(string text, string setting, Func<string, T> parse)
    {
        try
        {
            return parse(text.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{ForwardedProxyOptions.Section}:{setting}: '{text}' is not an address{(setting == "KnownNetworks" ? " range like 10.0.0.0/24" : "")}.");
        }
    }
}
