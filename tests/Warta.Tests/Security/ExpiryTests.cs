using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Warta.Accounts;
using Warta.Reading;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Security;

/// <summary>
/// What expires does so on the app's clock, which the test owns: a day passes in a call, not a wait.
/// Identity's lockout is left out: .NET 10's UserManager reads the real clock (TimeProvider reaches
/// it in .NET 11, dotnet/aspnetcore#62796), so StaffSignInTests and TokenAuthorityTests set the
/// stored lockout end instead.
/// </summary>
public sealed class ExpiryTests
{
    [Fact]
    public async Task APreviewLinkOpensTheDraftForHalfAnHourAndThenNoMore()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await WartaApp.StartAsync(clock: clock);
        using var api = await app.ApiClientAsync("penulis@warta.test", "nasional", StaffRole.Writer);
        using var created = await api.PostAsJsonAsync("/api/v1/articles", new { site = "nasional", section = "ekonomi", headline = "Draf Tarif Listrik Golongan Rumah Tangga" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<IdOnly>())!.Id;
        var preview = app.Services.GetRequiredService<PreviewLinks>().PathFor(id);
        var reader = app.ClientFor();

        var fresh = await reader.GetAsync(preview);
        clock.Advance(PreviewLinks.Lifetime - TimeSpan.FromMinutes(1));
        var late = await reader.GetAsync(preview);
        clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await reader.GetAsync(preview);

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Contains("Draf Tarif Listrik Golongan Rumah Tangga", await late.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
    }

    [Fact]
    public async Task ANewsroomSessionSlidesWhileItIsUsedAndEndsAfterTwelveIdleHours()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await WartaApp.StartAsync(clock: clock);
        var editor = await app.SignedInAsync("editor@warta.test", "nasional", StaffRole.Editor);

        var statuses = new List<HttpStatusCode>();
        // Every eleven hours, for a day and a half: each visit renews the session.
        for (var visit = 0; visit < 3; visit++)
        {
            clock.Advance(TimeSpan.FromHours(11));
            statuses.Add((await editor.GetAsync("/redaksi")).StatusCode);
        }
        clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));
        var idle = await editor.GetAsync("/redaksi");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        Assert.StartsWith("/redaksi/masuk", idle.Headers.Location!.AbsolutePath);
    }

    private sealed record IdOnly(int Id);
}
