using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Warta.Operations;

namespace Warta.Security;

/// <summary>The proxies in front of the app (TLS terminators, load balancers). None by default.</summary>
public sealed class ForwardedProxyOptions : IValidatableObject
{
    public const string Section = "Warta:ForwardedHeaders";

    /// <summary>Addresses of proxies whose X-Forwarded-For and X-Forwarded-Proto are believed ("10.0.0.2").</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies, in CIDR notation ("10.0.0.0/24").</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (proxy, i) in KnownProxies.Select((p, i) => (p, i)).Where(p => !IPAddress.TryParse(p.p.Trim(), out _)))
            yield return new ValidationResult($"{Section}:KnownProxies:{i}: '{proxy}' is not an address.", [nameof(KnownProxies)]);
        foreach (var (network, i) in KnownNetworks.Select((n, i) => (n, i)).Where(n => !System.Net.IPNetwork.TryParse(n.n.Trim(), out _)))
            yield return new ValidationResult($"{Section}:KnownNetworks:{i}: '{network}' is not an address range like 10.0.0.0/24.", [nameof(KnownNetworks)]);
    }
}

public static class ForwardedProxies
{
    public static IServiceCollection AddForwardedProxies(this IServiceCollection services)
    {
        services.AddSettings<ForwardedProxyOptions>(ForwardedProxyOptions.Section);
        services.AddOptions<ForwardedHeadersOptions>().Configure<ForwardedProxyOptions>((forwarded, settings) =>
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
            foreach (var proxy in settings.KnownProxies) forwarded.KnownProxies.Add(IPAddress.Parse(proxy.Trim()));
            foreach (var network in settings.KnownNetworks) forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
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
}
