using SkiaSharp;

namespace Warta.Media;

/// <summary>An upload that passed <see cref="ImageUploads.Check"/>: re-encoded, upright, without metadata.</summary>
public sealed record CheckedImage(string Extension, int Width, int Height, byte[] Bytes);

/// <summary>
/// Decides what an upload is from its bytes, never its name or declared type, and stores a clean
/// copy: the image is decoded completely (a truncated or disguised file fails here), turned upright
/// by its EXIF orientation and encoded again, so no EXIF location, comment or appended payload
/// reaches the public folder.
/// </summary>
public static class ImageUploads
{
    /// <summary>Refuses decompression bombs before a single pixel is decoded.</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>The clean image, or why it was refused (in words for the person who uploaded it).</summary>
    public static (CheckedImage? Image, string? Error) Check(byte[] bytes, long maxBytes)
    {
        if (Problem(bytes, maxBytes, out var codec) is { } problem) return (null, problem);
        using (codec)
        {
            using var decoded = new SKBitmap(codec!.Info.WithColorType(SKColorType.Rgba8888));
            var result = codec.GetPixels(decoded.Info, decoded.GetPixels());
            if (result != SKCodecResult.Success)
                return (null, "Berkas gambar rusak atau terpotong; unggah ulang dari berkas aslinya.");
            using var upright = Upright(decoded, codec.EncodedOrigin);
            var (extension, format, quality) = codec.EncodedFormat switch
            {
                SKEncodedImageFormat.Png => ("png", SKEncodedImageFormat.Png, 100),
                SKEncodedImageFormat.Webp => ("webp", SKEncodedImageFormat.Webp, 90),
                _ => ("jpg", SKEncodedImageFormat.Jpeg, 92),
            };
            using var image = SKImage.FromBitmap(upright);
            using var encoded = image.Encode(format, quality);
            return (new CheckedImage(extension, upright.Width, upright.Height, encoded.ToArray()), null);
        }
    }

    private static string? Problem(byte[] bytes, long maxBytes, out SKCodec? codec)
    {
        codec = null;
        if (bytes.Length == 0) return "Berkasnya kosong.";
        if (bytes.Length > maxBytes) return $"Berkas terlalu besar ({Megabytes(bytes.Length)}); paling besar {Megabytes(maxBytes)}.";
        if (!HasKnownSignature(bytes)) return "Bukan gambar JPEG, PNG, atau WebP (dilihat dari isi berkasnya, bukan namanya).";
        codec = SKCodec.Create(new SKMemoryStream(bytes));
        if (codec is null) return "Gambar tidak bisa dibaca; berkasnya rusak.";
        if ((long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            codec.Dispose();
            codec = null;
            return $"Gambar terlalu besar: paling banyak {MaxPixels / 1_000_000} megapiksel.";
        }
        return null;
    }

    /// <summary>JPEG, PNG and WebP by their first bytes; everything else (GIF, SVG, HEIC, HTML) is refused.</summary>
    public static bool HasKnownSignature(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
        || bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])
        || (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8));

    private static string Megabytes(long bytes) => $"{bytes / 1048576.0:0.#} MB".Replace('.', ',');

    /// <summary>Applies an EXIF orientation, so every later rendition can ignore it.</summary>
    private static SKBitmap Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        var (w, h) = (source.Width, source.Height);
        SKMatrix? matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => null,
        };
        if (matrix is null) return source.Copy();
        var swaps = origin >= SKEncodedOrigin.LeftTop;
        var result = new SKBitmap(swaps ? h : w, swaps ? w : h, source.ColorType, source.AlphaType);
        using var canvas = new SKCanvas(result);
        canvas.SetMatrix(matrix.Value);
        canvas.DrawBitmap(source, 0, 0);
        return result;
    }
}
