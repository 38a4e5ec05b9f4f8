using Warta.Accounts;
using Warta.Administration;
using Warta.CommandLine;
using Warta.Content;
using Warta.Data;
using Warta.Demo;
using Warta.Import;
using Warta.Live;
using Warta.Media;
using Warta.Network;
using Warta.Newsroom;
using Warta.Operations;
using Warta.Publishing;
using Warta.Reading;
using Warta.Recommend;
using Warta.Security;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});

// Logs go to standard error, so a verb's standard output carries only its result (a URL, a list).
builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);

// Every feature reads the time from this one clock; tests replace it to move time themselves.
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddStore(builder.Configuration);
var redis = builder.Services.AddRedis(builder.Configuration);
builder.Services.AddNetwork();
builder.Services.AddDemo();
builder.Services.AddContent();
builder.Services.AddPublishing();
builder.Services.AddMedia();
builder.Services.AddRazorPages(pages =>
{
    // Pages live in their feature folders (Reading/, Newsroom/, Live/), not under Pages/.
    pages.RootDirectory = "/";
    pages.Conventions.ConfigureFilter(new UnknownHandlerFilter());
});
builder.Services.AddReading();
builder.Services.AddRecommend();
builder.Services.AddPageCache(redis);
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi("v1");
builder.Services.AddForwardedProxies();
builder.Services.AddDataProtectionKeys(builder.Configuration);
builder.Services.AddAccounts();
builder.Services.AddNewsroomAntiforgery();
builder.Services.AddSignInRateLimit();
builder.Services.AddNewsroom();
builder.Services.AddAdministration();
builder.Services.AddLive(redis);
builder.Services.AddImport();

var app = builder.Build();

app.UseForwardedProxies();
app.UseSecurityHeaders();
app.UseErrorPages();
app.UseStaticFiles();
app.UseMediaFiles();
app.UseRouting();
app.UseSiteResolution();
app.UseOutputCache();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseNewsroomNoStore();

app.MapHealthCheck();
app.MapRobotsTxt();
app.MapMediaRenditions();
app.MapArticlesApi();
app.MapLiveApi();
app.MapOpenApi("/api/{documentName}/openapi.json");
app.MapLiveStream();
app.MapRazorPages();

return await Verbs.RunAsync(app, args);

/// <summary>Lets test hosts find the entry point.</summary>
public partial class Program;
