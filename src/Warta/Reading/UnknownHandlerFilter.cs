using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Warta.Reading;

/// <summary>
/// A request for a page handler that does not exist is answered 404 (an unknown name) or 405 (no
/// handler for the method), never run as the bare page, where nothing was loaded (a 500) or no access
/// check ran (an empty shell where GET answers 403), nor as the page's unnamed handler, which Razor
/// Pages falls back to. A plain GET of a page without an OnGet still renders, as static pages do.
/// </summary>
public sealed class UnknownHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        var asked = context.RouteData.Values["handler"]?.ToString() ?? request.Query["handler"].FirstOrDefault();
        if (!string.IsNullOrEmpty(asked) && !string.Equals(context.HandlerMethod?.Name, asked, StringComparison.OrdinalIgnoreCase))
            context.Result = new NotFoundResult();
        else if (context.HandlerMethod is not null)
            return next();
        else if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        else
            return next();
        return Task.CompletedTask;
    }
}
