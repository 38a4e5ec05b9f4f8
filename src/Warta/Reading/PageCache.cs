using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using Warta.Content;
using Warta.Network;
using Warta.Operations;
using Warta.Publishing;

namespace Warta.Reading;

public sealed class PageCacheOptions
{
    public const string Section = "Warta:PageCache";

    public bool Enabled { get; set; } = true;

    /// <summary>Pages are evicted when their content changes; expiry only bounds what a missed eviction can cost.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = Section + ":Expiry must be between {1} and {2}.")]
    public TimeSpan Expiry { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// In-process only. Breaking news concentrates readers on a few pages, so a small cache holds the
    /// hot set (about 2,000 pages); evicted entries cost about twice their size until a full GC.
    /// </summary>
    [Range(1, 4096, ErrorMessage = Section + ":SizeLimitMegabytes must be between {1} and {2}.")]
    public long SizeLimitMegabytes { get; set; } = 32;

    /// <summary>Key prefix in Redis, so several networks (or test runs) can share one server.</summary>
    [Required(ErrorMessage = Section + ":RedisInstanceName must not be empty.")]
    public string RedisInstanceName { get; set; } = "warta:";
}

/// <summary>Puts the names of <see cref="PageCacheTags"/> on the reader page being cached.</summary>
public static class PageTagging
{
    /// <summary>Adds tags to the response being cached; a no-op when the page cache is off.</summary>
    public static void TagPage(this HttpContext context, IEnumerable<string> tags)
    {
        if (context.Features.Get<IOutputCacheFeature>()?.Context.Tags is { } set)
            foreach (var tag in tags) set.Add(tag);
    }

    public static void TagPage(this HttpContext context, params string[] tags) => context.TagPage((IEnumerable<string>)tags);

    /// <summary>Keeps the page no longer than <paramref name="left"/>: for what changes by the clock, not by a change record.</summary>
    public static void ExpirePageWithin(this HttpContext context, TimeSpan left)
    {
        if (context.Features.Get<IOutputCacheFeature>()?.Context is { } cache && cache.ResponseExpirationTimeSpan is { } expiry)
            cache.ResponseExpirationTimeSpan = left < expiry ? left : expiry;
    }
}

/// <summary>
/// The reader pages' policy: anonymous GET and HEAD, keyed by the site origin the page links to
/// (never the raw Host header), the site's settings as this node knows them, and path, plus the page number on the pages that paginate (so tracking
/// parameters and made-up values cannot flood the cache); stored only for 200 responses that set no
/// cookie and do not say no-store or private.
/// </summary>
public sealed class ReaderPagePolicy(PageCacheOptions options, bool paginated) : IOutputCachePolicy
{
    /// <summary>Pages without pages of their own (home, live report): every query string shares one entry.</summary>
    public const string Name = "reader";

    /// <summary>Pages with ?page=N (lists, articles with "Halaman 1 2" and ?page=all).</summary>
    public const string Paged = "reader-paged";

    public const string AllPages = "all";

    /// <summary>A page number as the pager writes it: 1 to 99999, no sign, no leading zero.</summary>
    public static bool IsPageNumber(string value) =>
        value.Length is > 0 and <= 5 && value[0] is >= '1' and <= '9' && value.All(char.IsAsciiDigit);

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var page = request.Query["page"].ToString();
        var cacheable = options.Enabled
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Headers.ContainsKey("Authorization")
            && !request.Path.StartsWithSegments(PreviewLinks.PathPrefix)
            && (!paginated || !request.Query.ContainsKey("page") || page == AllPages || IsPageNumber(page));
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = options.Expiry;
        context.CacheVaryByRules.VaryByHost = false;
        if (paginated) context.CacheVaryByRules.QueryKeys = new StringValues("page");
        if (http.Features.Get<SiteInfo>() is { } site)
        {
            context.CacheVaryByRules.VaryByValues["origin"] = http.Origin();
            context.CacheVaryByRules.VaryByValues["site"] = site.Revision;
            context.Tags.Add(PageCacheTags.Site(site.Id));
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK
            || !StringValues.IsNullOrEmpty(response.Headers.SetCookie)
            || IsPrivate(response.Headers.CacheControl))
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }

    /// <summary>A response that says it is for one person only (a preview, a signed-in page) is never shared.</summary>
    private static bool IsPrivate(StringValues cacheControl) =>
        cacheControl.Any(v => v is not null && (v.Contains("no-store", StringComparison.OrdinalIgnoreCase) || v.Contains("private", StringComparison.OrdinalIgnoreCase)));
}

public static class PageCacheServices
{
    public static IServiceCollection AddPageCache(this IServiceCollection services, RedisOptions redis)
    {
        services.AddSettings<PageCacheOptions>(PageCacheOptions.Section);
        if (redis.Enabled)
            services.AddStackExchangeRedisOutputCache(_ => { })
                .AddOptions<Microsoft.AspNetCore.OutputCaching.StackExchangeRedis.RedisOutputCacheOptions>()
                .Configure<RedisOptions, PageCacheOptions>((o, shared, options) => { o.Configuration = shared.Configuration; o.InstanceName = options.RedisInstanceName; });
        services.AddSingleton<IChangeHandler>(provider => new PageCacheEviction(provider.GetRequiredService<IOutputCacheStore>(),
            redis.Enabled ? HandlerReach.OncePerNetwork : HandlerReach.EveryNode));
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<PageCacheOptions>((cache, options) =>
        {
            cache.SizeLimit = options.SizeLimitMegabytes * 1024 * 1024;
            cache.AddPolicy(ReaderPagePolicy.Name, new ReaderPagePolicy(options, paginated: false));
            cache.AddPolicy(ReaderPagePolicy.Paged, new ReaderPagePolicy(options, paginated: true));
        });
        return services;
    }
}
