using System.Net;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using Warta.Media;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Media;

public sealed class RenditionTests
{
    [Theory]
    [InlineData("2026/11/abc123-640.webp", true, "2026/11/abc123", 640, "webp")]
    [InlineData("2026/11/abc123-1280.jpg", true, "2026/11/abc123", 1280, "jpg")]
    [InlineData("2026/11/abc123-641.webp", false, "", 0, "")]
    [InlineData("2026/11/abc123-640.gif", false, "", 0, "")]
    [InlineData("../../etc/passwd-640.jpg", false, "", 0, "")]
    [InlineData("2026/11/abc123.jpg", false, "", 0, "")]
    [InlineData("2026/11/abc123-0320.webp", false, "", 0, "")]
    [InlineData("2026/11/abc123-00640.jpg", false, "", 0, "")]
    public void OnlyListedWidthsAndFormatsAreRenditions(string path, bool valid, string key, int width, string extension)
    {
        Assert.Equal(valid, Renditions.TryParse(path, out var parsedKey, out var parsedWidth, out var parsedExtension));
        if (valid) Assert.Equal((key, width, extension), (parsedKey, parsedWidth, parsedExtension));
    }

    [Theory]
    [InlineData(300, 1280, 320)]
    [InlineData(700, 1280, 960)]
    [InlineData(2000, 1280, 1280)]
    [InlineData(960, 500, 480)]
    [InlineData(960, 100, 320)]
    public void PickTakesTheSmallestWidthThatCovers(int wanted, int original, int expected) =>
        Assert.Equal(expected, Renditions.Pick(wanted, original));

    [Fact]
    public async Task ARenditionIsMadeOnFirstRequestAndServedFromDiskAfter()
    {
        await using var app = await WartaApp.StartAsync();
        var key = await app.WithDbAsync(db => db.Media.Select(m => m.StorageKey).FirstAsync());
        var client = app.ClientFor();

        var first = await client.GetAsync($"/media/{key}-480.webp");
        var second = await client.GetAsync($"/media/{key}-480.webp");
        var jpeg = await client.GetAsync($"/media/{key}-320.jpg");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("image/webp", first.Content.Headers.ContentType!.MediaType);
        using (var image = SKBitmap.Decode(await first.Content.ReadAsStreamAsync()))
            Assert.Equal(480, image.Width);
        Assert.True(File.Exists(Path.Combine(app.MediaRoot, $"{key}-480.webp")));
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Contains("immutable", second.Headers.CacheControl!.ToString());
        Assert.NotNull(second.Content.Headers.LastModified);
        Assert.Null(first.Content.Headers.LastModified);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/media/{key}.jpg")).StatusCode);
        Assert.Equal("image/jpeg", jpeg.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/media/{key}-500.webp")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/media/{key}-0320.webp")).StatusCode);
        Assert.False(File.Exists(Path.Combine(app.MediaRoot, $"{key}-0320.webp")), "a zero-padded width writes no second copy");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/media/2026/11/tidakada-480.webp")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/media/..%2F..%2Fwarta.db")).StatusCode);
    }
}
