using Warta.Content;
using Warta.Import;

namespace Warta.Tests.Content;

public sealed class SlugsTests
{
    [Theory]
    [InlineData("Pemimpin Donetsk Surati Kim Jong Un!", "pemimpin-donetsk-surati-kim-jong-un")]
    [InlineData("Festival Kuliner: Pallubasa hingga Pa'piong", "festival-kuliner-pallubasa-hingga-papiong")]
    [InlineData("Suhu Dieng Anjlok hingga 2°C", "suhu-dieng-anjlok-hingga-2-c")]
    [InlineData("Rp 1,2 Triliun untuk Jalan", "rp-1-2-triliun-untuk-jalan")]
    [InlineData("Café Crème à Solo", "cafe-creme-a-solo")]
    [InlineData("Jambi–Rengat", "jambi-rengat")]
    [InlineData("  --  ", "artikel")]
    [InlineData("金", "artikel")]
    public void SlugsAreLowerCaseAsciiWords(string text, string expected) => Assert.Equal(expected, Slugs.From(text));

    [Fact]
    public void SlugsAreCutAtTheLimit()
    {
        var slug = Slugs.From(string.Join(' ', Enumerable.Repeat("panjang", 60)));
        Assert.True(slug.Length <= Slugs.MaxLength);
        Assert.False(slug.EndsWith('-'));
    }

    [Fact]
    public void TakenSlugsGetANumber()
    {
        var taken = new HashSet<string> { "banjir", "banjir-2" };
        Assert.Equal("banjir-3", SlugAllocator.Next("banjir", taken));
        Assert.Equal("gempa", SlugAllocator.Next("gempa", taken));
    }
}
