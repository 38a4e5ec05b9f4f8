using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using Warta.Accounts;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Newsroom;

/// <summary>Uploads through the newsroom's media page: checked by content, described, searchable, reusable.</summary>
public sealed class MediaLibraryTests
{
    /// <summary>Noise, so the encoded size grows with the pixel count.</summary>
    private static byte[] Image(SKEncodedImageFormat format, int width = 900, int height = 600)
    {
        using var bitmap = new SKBitmap(width, height);
        var random = new Random(width * height);
        for (var y = 0; y < height; y += 4)
            for (var x = 0; x < width; x += 4)
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(format, 85).ToArray();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string site, byte[] bytes, string fileName,
        string caption = "Warga antre bantuan beras di Balai Kota Solo.", string credit = "WARTASOLO.COM/Dimas Prasetyo", string alt = "Antrean warga di halaman balai kota")
    {
        var (_, page) = await client.GetPageAsync($"/redaksi/media?situs={site}");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var form = new MultipartFormDataContent
        {
            { file, "file", fileName },
            { new StringContent(caption), "Caption" },
            { new StringContent(credit), "Credit" },
            { new StringContent(alt), "AltText" },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, $"/redaksi/media?handler=Upload&situs={site}") { Content = form };
        request.Headers.Accept.ParseAdd("application/json");
        return await client.SendAsync(request);
    }

    private static async Task<string> ErrorOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!;

    /// <summary>One colour: a huge image in a small file, as a decompression bomb is.</summary>
    private static byte[] Flat(SKEncodedImageFormat format, int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        surface.Canvas.Clear(new SKColor(40, 90, 160));
        using var image = surface.Snapshot();
        return image.Encode(format, 80).ToArray();
    }

    [Fact]
    public async Task AHugePngIsRefusedBeforeItIsDecodedWholeAndAHugeJpegIsStoredScaledDown()
    {
        await using var app = await WartaApp.StartAsync();
        var writer = await app.SignedInAsync("foto@warta.test", "solo", StaffRole.Writer, "solo.localhost");
        var bomb = Flat(SKEncodedImageFormat.Png, 6300, 6300);
        var camera = Flat(SKEncodedImageFormat.Jpeg, 7000, 4000);
        var photosBefore = await app.WithDbAsync(db => db.Media.CountAsync());

        var refused = await UploadAsync(writer, "solo", bomb, "bom.png");
        var photosAfterRefusal = await app.WithDbAsync(db => db.Media.CountAsync());
        var stored = await UploadAsync(writer, "solo", camera, "kamera.jpg");

        Assert.True(bomb.Length < 1_000_000, $"the PNG is {bomb.Length} bytes");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("6300 × 6300", await ErrorOf(refused));
        Assert.Equal(photosBefore, photosAfterRefusal);
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        var item = JsonDocument.Parse(await stored.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((2560, 1463), (item.GetProperty("width").GetInt32(), item.GetProperty("height").GetInt32()));
    }

    [Fact]
    public async Task AnUploadIsKnownByItsBytesStoredCleanAndServedInEveryRendition()
    {
        await using var app = await WartaApp.StartAsync();
        var writer = await app.SignedInAsync("foto@warta.test", "solo", StaffRole.Writer, "solo.localhost");

        // A PNG named .jpg is a PNG; the name does not matter.
        var response = await UploadAsync(writer, "solo", Image(SKEncodedImageFormat.Png), "foto.jpg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("png", item.GetProperty("extension").GetString());
        Assert.Equal(900, item.GetProperty("width").GetInt32());

        var stored = await app.WithDbAsync(db => db.Media.SingleAsync(m => m.Id == item.GetProperty("id").GetInt32()));
        Assert.Equal("WARTASOLO.COM/Dimas Prasetyo", stored.Credit);
        var reader = app.ClientFor("solo.localhost");
        foreach (var rendition in new[] { $"/media/{stored.StorageKey}-640.webp", $"/media/{stored.StorageKey}-640.png", $"/media/{stored.StorageKey}.png" })
        {
            var image = await reader.GetAsync(rendition);
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            using var decoded = SKBitmap.Decode(await image.Content.ReadAsByteArrayAsync());
            Assert.NotNull(decoded);
        }
    }

    [Theory]
    [InlineData("html", "Bukan gambar JPEG, PNG, atau WebP")]
    [InlineData("gif", "Bukan gambar JPEG, PNG, atau WebP")]
    [InlineData("truncated", "rusak")]
    [InlineData("empty", "kosong")]
    public async Task ABadFileIsRefusedWithAReasonAndNothingIsStored(string kind, string reason)
    {
        await using var app = await WartaApp.StartAsync();
        var writer = await app.SignedInAsync("foto@warta.test", "nasional", StaffRole.Writer);
        var jpeg = Image(SKEncodedImageFormat.Jpeg);
        var bytes = kind switch
        {
            "html" => "<html><script>alert(1)</script></html>"u8.ToArray(),
            "gif" => "GIF89a\x01\x00\x01\x00"u8.ToArray(),
            "truncated" => jpeg[..(jpeg.Length / 3)],
            _ => [],
        };
        var before = await app.WithDbAsync(db => db.Media.CountAsync());

        var response = await UploadAsync(writer, "nasional", bytes, "foto.jpg");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(reason, await ErrorOf(response));
        Assert.Equal(before, await app.WithDbAsync(db => db.Media.CountAsync()));
    }

    [Fact]
    public async Task AnOversizedFileAndMissingCreditAreRefusedWithClearWords()
    {
        await using var app = await WartaApp.StartAsync(settings: new() { ["Warta:Media:MaxUploadBytes"] = "20000" });
        var writer = await app.SignedInAsync("foto@warta.test", "nasional", StaffRole.Writer);

        var big = await UploadAsync(writer, "nasional", Image(SKEncodedImageFormat.Png, 1600, 1200), "besar.png");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, big.StatusCode);
        Assert.Contains("Berkas terlalu besar", await ErrorOf(big));

        var undescribed = await UploadAsync(writer, "nasional", Image(SKEncodedImageFormat.Jpeg, 200, 100), "kecil.jpg", credit: " ", alt: "");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, undescribed.StatusCode);
        Assert.Equal("Wajib diisi: kredit, teks alternatif.", await ErrorOf(undescribed));
    }

    [Fact]
    public async Task PhotosAreFoundByCaptionOrCreditOnlyWithinTheirSite()
    {
        await using var app = await WartaApp.StartAsync();
        var solo = await app.SignedInAsync("solo@warta.test", "solo", StaffRole.Writer, "solo.localhost");
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(solo, "solo", Image(SKEncodedImageFormat.Jpeg), "a.jpg", caption: "Pasar Gede ramai jelang Imlek.", credit: "WARTASOLO.COM/Ayu Lestari")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(solo, "solo", Image(SKEncodedImageFormat.Webp), "b.webp", caption: "Keraton Surakarta.", credit: "WARTASOLO.COM/Dimas Prasetyo")).StatusCode);

        async Task<string[]> Found(HttpClient client, string site, string query) =>
            JsonDocument.Parse(await client.GetStringAsync($"/redaksi/media?handler=Search&situs={site}&q={Uri.EscapeDataString(query)}"))
                .RootElement.EnumerateArray().Select(e => e.GetProperty("caption").GetString()!).ToArray();

        Assert.Equal(["Pasar Gede ramai jelang Imlek."], await Found(solo, "solo", "imlek"));
        Assert.Equal(["Keraton Surakarta."], await Found(solo, "solo", "dimas"));

        // Another site's writer neither searches nor uploads here.
        var nasional = await app.SignedInAsync("nasional@warta.test", "nasional", StaffRole.Writer);
        Assert.Equal(HttpStatusCode.Forbidden, (await nasional.GetAsync("/redaksi/media?handler=Search&situs=solo&q=imlek")).StatusCode);
        Assert.Equal("/redaksi/ditolak", (await nasional.GetAsync("/redaksi/media?situs=solo")).Headers.Location?.AbsolutePath);
    }
    [Fact]
    public async Task ACaptionChangeReachesTheCachedPagesOfTheStoriesLeadingWithThePhotoAtOnce()
    {
        // No poll during the test: only the dispatch after the caption's commit can evict the page.
        await using var app = await WartaApp.StartAsync(settings: new() { ["Warta:Changes:PollInterval"] = "01:00:00" });
        var writer = await app.SignedInAsync("foto@warta.test", "solo", StaffRole.Writer, "solo.localhost");
        var uploaded = JsonDocument.Parse(await (await UploadAsync(writer, "solo", Image(SKEncodedImageFormat.Jpeg), "balai.jpg")).Content.ReadAsStringAsync()).RootElement;
        var photoId = uploaded.GetProperty("id").GetInt32();
        var story = await app.PublishAsync("solo", "solo-raya", "Antrean bantuan beras mengular di Balai Kota");
        await app.WithDbAsync(db => db.Articles.Where(a => a.Id == story.Id).ExecuteUpdateAsync(set => set.SetProperty(a => a.LeadMediaId, photoId)));
        var reader = app.ClientFor("solo.localhost");
        var path = await app.PathOfAsync(story);
        Assert.Contains("Warga antre bantuan beras di Balai Kota Solo.", await reader.GetStringAsync(path));

        var (_, page) = await writer.GetPageAsync("/redaksi/media?situs=solo");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/redaksi/media?handler=Describe&situs=solo&mediaId={photoId}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Caption"] = "Ratusan warga antre beras murah di halaman Balai Kota Solo.",
                ["Credit"] = "WARTASOLO.COM/Dimas Prasetyo",
                ["AltText"] = "Antrean warga di halaman balai kota",
                ["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            }),
        };
        request.Headers.Accept.ParseAdd("application/json");
        Assert.Equal(HttpStatusCode.OK, (await writer.SendAsync(request)).StatusCode);

        var after = await reader.GetStringAsync(path);
        Assert.Contains("Ratusan warga antre beras murah di halaman Balai Kota Solo.", after);
        Assert.DoesNotContain("Warga antre bantuan beras di Balai Kota Solo.", after);
    }
}
