using System.Text.RegularExpressions;
using SkiaSharp;

namespace Warta.Media;

/// <summary>
/// Resized copies of an original, made on first request and kept beside it. Only the widths listed
/// here are made, so a URL cannot ask the server to render arbitrary sizes.
/// </summary>
public static partial class Renditions
{
    public static readonly int[] Widths = [320, 480, 640, 960, 1280];

    public static string ContentType(string extension) => extension switch
    {
        "webp" => "image/webp",
        "png" => "image/png",
        _ => "image/jpeg",
    };

    public static string Url(string storageKey, int width, string extension) => $"/media/{storageKey}-{width}.{extension}";

    public static string OriginalUrl(string storageKey, string extension) => $"/media/{storageKey}.{extension}";

    /// <summary>The smallest listed width that covers <paramref name="wanted"/>, never wider than the original allows.</summary>
    public static int Pick(int wanted, int originalWidth)
    {
        var usable = Widths.Where(w => w <= originalWidth).DefaultIfEmpty(Widths[0]).ToArray();
        return usable.FirstOrDefault(w => w >= wanted, usable[^1]);
    }

    public static string SrcSet(string storageKey, int originalWidth, string extension) =>
        string.Join(", ", Widths.Where(w => w <= Math.Max(originalWidth, Widths[0])).Select(w => $"{Url(storageKey, w, extension)} {w}w"));

    /// <summary>Parses "2026/11/ab12-640.webp" into its key, width and extension.</summary>
    public static bool TryParse(string path, out string storageKey, out int width, out string extension)
    {
        var match = RenditionPath().Match(path);
        storageKey = match.Groups["key"].Value;
        extension = match.Groups["ext"].Value;
        width = match.Success ? int.Parse(match.Groups["width"].Value) : 0;
        return match.Success && Widths.Contains(width);
    }

    /// <summary>Decodes the original already scaled towards the width where the format allows (JPEG, WebP), then resizes.</summary>
    public static byte[] Render(Stream original, int width, string extension)
    {
        using var codec = SKCodec.Create(original) ?? throw new InvalidDataException("The original image cannot be decoded.");
        var (bitmap, result) = ImageUploads.DecodeScaled(codec, (float)width / codec.Info.Width);
        using var source = bitmap ?? throw new InvalidDataException($"The original is too large to decode ({codec.Info.Width} x {codec.Info.Height}).");
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            throw new InvalidDataException("The original image cannot be decoded.");
        var target = Math.Min(width, source.Width);
        var height = Math.Max(1, (int)Math.Round(source.Height * (double)target / source.Width));
        using var resized = source.Resize(new SKImageInfo(target, height), new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new InvalidDataException("The image cannot be resized.");
        using var image = SKImage.FromBitmap(resized);
        var format = extension switch
        {
            "webp" => SKEncodedImageFormat.Webp,
            "png" => SKEncodedImageFormat.Png,
            _ => SKEncodedImageFormat.Jpeg,
        };
        using var data = image.Encode(format, 80);
        return data.ToArray();
    }

    /// <summary>Widths as <see cref="Url"/> writes them: "-0320" would render a second copy of the same file under another name.</summary>
    [GeneratedRegex(@"^(?<key>[a-z0-9/]+)-(?<width>[1-9]\d{2,3})\.(?<ext>webp|jpg|png)$")]
    private static partial Regex RenditionPath();
}
