using Microsoft.EntityFrameworkCore;
using Warta.Data;

namespace Warta.Operations;

public static class OperationsEndpoints
{
    public static IServiceCollection AddOperations(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (WartaDbContext db, CancellationToken cancellationToken) =>
            await db.Database.CanConnectAsync(cancellationToken)
                ? Results.Text("ok")
                : Results.Text("store unreachable", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/robots.txt", () =>
            Results.Text("User-agent: *\nDisallow: /galat/\n"));
        return app;
    }
}
