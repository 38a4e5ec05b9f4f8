using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Operations;

/// <summary>A bad or unknown setting stops start-up, and the message names it, before any request depends on it.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Warta:PageCache:SizeLimitMegabytes", "-1", "Warta:PageCache:SizeLimitMegabytes must be between 1 and 4096")]
    [InlineData("Warta:PageCache:Expiry", "00:00:00", "Warta:PageCache:Expiry must be between")]
    [InlineData("Warta:Database:Provider", "Oracle", "Warta:Database:Provider")]
    [InlineData("Warta:Changes:PollInterval", "0", "Warta:Changes:PollInterval must be between")]
    [InlineData("Warta:Changes:LongestRetry", "00:00:00.500", "Warta:Changes:LongestRetry must not be shorter than Warta:Changes:FirstRetry")]
    [InlineData("Warta:Live:CatchUpInterval", "00:00:00", "Warta:Live:CatchUpInterval must be between")]
    [InlineData("Warta:Media:ConcurrentDecodes", "0", "Warta:Media:ConcurrentDecodes must be between 1 and 64")]
    [InlineData("Warta:Media:MaxUploadBytes", "50000000", "Warta:Media:MaxUploadBytes must be between")]
    [InlineData("Warta:Syndication:CopyPolicy", "7", "Warta:Syndication:CopyPolicy must be Canonical or NoIndex")]
    [InlineData("Warta:Accounts:SessionCheckInterval", "-00:01:00", "Warta:Accounts:SessionCheckInterval must be between")]
    [InlineData("Warta:DataProtection:KeysFolder", "", "Warta:DataProtection:KeysFolder must not be empty")]
    [InlineData("Warta:PublicOrigin", "warta.example", "Warta:PublicOrigin must be an absolute http or https address")]
    [InlineData("Warta:ForwardedHeaders:KnownProxies:0", "proxy.internal", "Warta:ForwardedHeaders:KnownProxies:0: 'proxy.internal' is not an address")]
    [InlineData("Warta:ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33", "Warta:ForwardedHeaders:KnownNetworks:0: '10.0.0.0/33' is not an address range")]
    [InlineData("Warta:Redis", "127.0.0.1:6379,nonsense=1", "Warta:Redis is not a Redis configuration")]
    [InlineData("Warta:Changes:PolInterval", "00:00:01", "Warta:Changes:PolInterval is not a Warta setting")]
    [InlineData("Warta:Chnages:PollInterval", "00:00:01", "Warta:Chnages:PollInterval is not a Warta setting")]
    [InlineData("Warta:PageCache:ExpiryMinutes", "5", "Warta:PageCache:ExpiryMinutes is not a Warta setting")]
    public async Task BadSettingStopsStartUpNamingIt(string setting, string value, string message)
    {
        var failure = await Record.ExceptionAsync(async () =>
        {
            await using var app = await WartaApp.StartAsync(settings: new() { [setting] = value });
        });

        Assert.NotNull(failure);
        var chain = Chain(failure).ToList();
        // A value of the wrong type (Oracle for an enum) is refused by the binder, which names the key too.
        Assert.Contains(chain, e => e is OptionsValidationException || e.Message.Contains($"'{setting}'"));
        Assert.Contains(chain, e => e.Message.Contains(message));
    }

    [Fact]
    public async Task DefaultsPassValidation()
    {
        await using var app = await WartaApp.StartAsync();
        var response = await app.ClientFor().GetAsync("/healthz");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheReadmeListsExactlyTheSettingsTheAppReads()
    {
        await using var app = await WartaApp.StartAsync();
        var read = app.Services.GetServices<Warta.Operations.SettingsShape>().SelectMany(s => s.Keys()).Select(k => k.Path).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var readme = await File.ReadAllTextAsync(Path.Combine(SharedFiles.RepositoryRoot, "README.md"));
        // A table row names one or more keys in backticks: `Warta:Changes:FirstRetry`, `Warta:ForwardedHeaders:KnownProxies:0`.
        var listed = System.Text.RegularExpressions.Regex.Matches(readme, @"^\| (?<keys>`Warta:[^|]+)\|", System.Text.RegularExpressions.RegexOptions.Multiline)
            .SelectMany(m => System.Text.RegularExpressions.Regex.Matches(m.Groups["keys"].Value, "`(Warta:[A-Za-z:]+?)(:0)?`").Select(k => k.Groups[1].Value))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.Empty(read.Except(listed, StringComparer.OrdinalIgnoreCase).Order());
        Assert.Empty(listed.Except(read, StringComparer.OrdinalIgnoreCase).Order());
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain)) yield return inner;
        }
    }
}
