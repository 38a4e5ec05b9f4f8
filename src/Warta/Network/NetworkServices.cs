namespace Warta.Network;

public static class NetworkServices
{
    public static IServiceCollection AddNetwork(this IServiceCollection services) => services.AddSingleton<SiteDirectory>();
}
