using Warta.Content;
using Warta.Media;

namespace Warta.Import;

public static class ImportServices
{
    public static IServiceCollection AddImport(this IServiceCollection services)
    {
        services.AddScoped<People>();
        services.AddScoped<MediaLibrary>();
        services.AddScoped<PageImporter>();
        services.AddScoped<JsonLinesImporter>();
        return services;
    }
}
