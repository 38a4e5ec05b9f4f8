using Warta.Content;

namespace Warta.Import;

public static class ImportServices
{
    public static IServiceCollection AddImport(this IServiceCollection services)
    {
        services.AddScoped<PageImporter>();
        services.AddScoped<JsonLinesImporter>();
        return services;
    }
}
