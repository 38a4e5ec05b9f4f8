using Microsoft.Net.Http.Headers;
using Warta.Operations;

namespace Warta.Media;

public static class MediaEndpoints
{
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddSettings<MediaOptions>(MediaOptions.Section);
        services.AddSingleton<LocalMediaStorage>();
        services.AddSingleton<ImageDecodeGate>();
        services.AddSingleton<IMediaStorage>(sp => sp.GetRequiredService<LocalMediaStorage>());
        services.AddScoped<MediaLibrary>();
        return services;
    }

    /// <summary>Originals and renditions already on disk are served as static files; a missing rendition is made here once.</summary>
    public static IEndpointRouteBuilder MapMediaRenditions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/media/{**path}", async (string path, IMediaStorage storage, ImageDecodeGate gate, HttpContext context, CancellationToken cancellationToken) =>
        {
            if (!Renditions.TryParse(path, out var key, out var width, out var extension))
                return Results.NotFound();

            var original = FindOriginal(storage, key);
            if (original is null) return Results.NotFound();
            byte[] bytes;
            await using (original)
                bytes = await gate.RunAsync(() => Renditions.Render(original, width, extension), cancellationToken);
            await storage.WriteAsync(path, bytes, cancellationToken);
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.File(bytes, Renditions.ContentType(extension));
        });
        return app;
    }

    public static IApplicationBuilder UseMediaFiles(this IApplicationBuilder app)
    {
        var storage = app.ApplicationServices.GetRequiredService<LocalMediaStorage>();
        return app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/media",
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(storage.Root),
            OnPrepareResponse = file => file.Context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable",
        });
    }

    private static Stream? FindOriginal(IMediaStorage storage, string key) =>
        new[] { "jpg", "png", "webp" }.Select(ext => storage.OpenRead($"{key}.{ext}")).FirstOrDefault(s => s is not null);
}
