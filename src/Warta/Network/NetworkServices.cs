using Warta.Network.Demo;

namespace Warta.Network;

public static class NetworkServices
{
    public static IServiceCollection AddNetwork(this IServiceCollection services)
    {
        services.AddSingleton<SiteDirectory>();
        services.AddScoped<DemoNetwork>();
        return services;
    }
}
