using Warta.Operations;

namespace Warta.Network;

public static class NetworkServices
{
    public static IServiceCollection AddNetwork(this IServiceCollection services)
    {
        services.AddSingleton<SiteDirectory>();
        services.AddSettings<PublicOriginOptions>(PublicOriginOptions.Section)
            .Configure<IConfiguration>((options, configuration) => options.Listen = configuration[WebHostDefaults.ServerUrlsKey] ?? options.Listen);
        services.AddSingleton<PublicOrigin>();
        return services;
    }
}
