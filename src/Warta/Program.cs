using Warta.Accounts;
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

builder.Services.AddWartaData(builder.Configuration);
builder.Services.AddNetwork();
builder.Services.AddDemo();
builder.Services.AddContent(builder.Configuration);
builder.Services.AddPublishing(builder.Configuration);
builder.Services.AddMedia(builder.Configuration);
builder.Services.AddReading(builder.Configuration);
builder.Services.AddRecommend();
builder.Services.AddForwardedProxies(builder.Configuration);
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddNewsroom();
builder.Services.AddLive(builder.Configuration);
builder.Services.AddImport();
builder.Services.AddOperations();

var app = builder.Build();

app.UseForwardedProxies();
app.UseSecurityHeaders();
app.UseReading();
app.UseStaticFiles();
app.UseMediaFiles();
app.UseRouting();
app.UseSiteResolution();
app.UseOutputCache();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseNewsroomHeaders();

app.MapOperations();
app.MapMedia();
app.MapNewsroomApi();
app.MapLive();
app.MapReading();

return await Verbs.RunAsync(app, args);

/// <summary>Lets test hosts find the entry point.</summary>
public partial class Program;
