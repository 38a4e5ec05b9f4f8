namespace Warta.Administration;

public static class AdministrationServices
{
    public static IServiceCollection AddAdministration(this IServiceCollection services) =>
        services.AddScoped<NetworkAdministration>().AddScoped<SitePages>();
}
