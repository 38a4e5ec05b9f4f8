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
    public const long MaxPixels = 50_000_000;

    /// <summary>
    /// The most pixels one decode may hold (64 MB as RGBA). JPEG and WebP are decoded already scaled
    /// down to the stored size, so a 45-megapixel camera photo stays under it; PNG cannot be, so a
    /// larger PNG is refused rather than decoded whole.
    /// </summary>
    public const long MaxDecodedPixels = 16_000_000;

    /// <summary>Longest side of the stored original: twice the widest rendition, and enough to zoom into.</summary>
    public const int MaxStoredEdge = 2560;

    /// <summary>The clean image, or why it was refused (in words for the person who uploaded it).</summary>
    public static (CheckedImage? Image, string? Error) Check(byte[] bytes, long maxBytes)
    {
        if (Problem(bytes, maxBytes, out var codec) is { } problem) return (null, problem);
        using (codec)
        {
            var (width, height) = (codec!.Info.Width, codec.Info.Height);
            var (bitmap, result) = DecodeScaled(codec, (float)MaxStoredEdge / Math.Max(width, height));
            using var decoded = bitmap;
            if (decoded is null)
                return (null, $"Gambar {width} × {height} piksel terlalu besar untuk format ini; perkecil sampai sisi terpanjangnya {MaxStoredEdge} piksel, atau kirim sebagai JPEG.");
            if (result != SKCodecResult.Success)
                return (null, "Berkas gambar rusak atau terpotong; unggah ulang dari berkasnya yang asli.");
            using var fitted = FitWithin(decoded, MaxStoredEdge);
            using var upright = Upright(fitted ?? decoded, codec.EncodedOrigin);
            var clean = upright ?? fitted ?? decoded;
            var (extension, format, quality) = codec.EncodedFormat switch
            {
                SKEncodedImageFormat.Png => ("png", SKEncodedImageFormat.Png, 100),
                SKEncodedImageFormat.Webp => ("webp", SKEncodedImageFormat.Webp, 90),
                _ => ("jpg", SKEncodedImageFormat.Jpeg, 92),
            };
            // Immutable, so the image shares the bitmap's pixels instead of copying them.
            clean.SetImmutable();
            using var image = SKImage.FromBitmap(clean);
            using var encoded = image.Encode(format, quality);
            return (new CheckedImage(extension, clean.Width, clean.Height, encoded.ToArray()), null);
        }
    }

    /// <summary>
    /// Decodes at the supported size nearest <paramref name="scale"/> (never up): JPEG and WebP scale
    /// while decoding, PNG does not. Null when that size is over <see cref="MaxDecodedPixels"/>.
    /// </summary>
    internal static (SKBitmap? Bitmap, SKCodecResult Result) DecodeScaled(SKCodec codec, float scale)
    {
        var size = codec.GetScaledDimensions(Math.Min(1f, scale));
        if ((long)size.Width * size.Height > MaxDecodedPixels) return (null, SKCodecResult.InvalidScale);
        var bitmap = new SKBitmap(codec.Info.WithSize(size).WithColorType(SKColorType.Rgba8888));
        return (bitmap, codec.GetPixels(bitmap.Info, bitmap.GetPixels()));
    }

    /// <summary>A copy no larger than <paramref name="edge"/> on its longest side, or null when it already fits.</summary>
    internal static SKBitmap? FitWithin(SKBitmap source, int edge)
    {
        if (Math.Max(source.Width, source.Height) <= edge) return null;
        var scale = (double)edge / Math.Max(source.Width, source.Height);
        var size = new SKImageInfo(Math.Max(1, (int)Math.Round(source.Width * scale)), Math.Max(1, (int)Math.Round(source.Height * scale)));
        return source.Resize(size, new SKSamplingOptions(SKCubicResampler.Mitchell)) ?? throw new InvalidDataException("The image cannot be resized.");
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

    /// <summary>Applies an EXIF orientation, so every later rendition can ignore it; null when the image is upright already.</summary>
    private static SKBitmap? Upright(SKBitmap source, SKEncodedOrigin origin)
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
        if (matrix is null) return null;
        var swaps = origin >= SKEncodedOrigin.LeftTop;
        var result = new SKBitmap(swaps ? h : w, swaps ? w : h, source.ColorType, source.AlphaType);
        using var canvas = new SKCanvas(result);
        canvas.SetMatrix(matrix.Value);
        canvas.DrawBitmap(source, 0, 0);
        return result;
    }
}
