using SkiaSharp;

namespace Warta.Media;

/// <summary>Draws a calm abstract picture for demo articles and for imports that come without a photo.</summary>
public static class PlaceholderImages
{
    public const int Width = 1280;
    public const int Height = 720;

    public static byte[] Jpeg(int hue, int seed)
    {
        var random = new Random(seed);
        var info = new SKImageInfo(Width, Height);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        var dark = SKColor.FromHsl(hue, 45, 22);
        var light = SKColor.FromHsl((hue + 30) % 360, 55, 55);
        using (var background = new SKPaint())
        {
            background.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(Width, Height), [dark, light], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, Width, Height, background);
        }
        using var shape = new SKPaint { IsAntialias = true };
        for (var i = 0; i < 7; i++)
        {
            shape.Color = SKColor.FromHsl((hue + random.Next(0, 60)) % 360, 50, random.Next(30, 80)).WithAlpha((byte)random.Next(50, 120));
            canvas.DrawCircle(random.Next(0, Width), random.Next(0, Height), random.Next(80, 420), shape);
        }
        shape.Color = SKColors.White.WithAlpha(40);
        canvas.DrawRect(0, Height * 0.72f, Width, Height * 0.28f, shape);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 82);
        return data.ToArray();
    }
}
