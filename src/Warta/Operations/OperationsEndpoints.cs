using Microsoft.EntityFrameworkCore;
using Warta.Data;

namespace Warta.Operations;

public static class OperationsEndpoints
{
    public static IEndpointRouteBuilder MapHealthCheck(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (WartaDbContext db, CancellationToken cancellationToken) =>
            await db.Database.CanConnectAsync(cancellationToken)
                ? Results.Text("ok")
                : Results.Text("store unreachable", statusCode: StatusCodes.Status503ServiceUnavailable));
        return app;
    }
}
