using Microsoft.Extensions.DependencyInjection;
using Warta.Live;

namespace Warta.Tests.Live;

/// <summary>The demo network's running live report, on the `nasional` site.</summary>
internal static class DemoReport
{
    public const string Slug = "arus-balik-libur-akhir-tahun-di-tol-trans-jawa-pantauan-24-jam";

    public static async Task<LiveReport> FindAsync(IServiceProvider services)
    {
        var nasional = services.GetRequiredService<Warta.Network.SiteDirectory>().FindBySlug("nasional")!;
        return (await services.GetRequiredService<LiveQueries>().FindAsync(nasional.Id, Slug, default))!;
    }
}
