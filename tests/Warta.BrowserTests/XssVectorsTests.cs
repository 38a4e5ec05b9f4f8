namespace Warta.BrowserTests;

public sealed class XssVectorsTests
{
    [Fact]
    public void ThereAreAtLeastFiftyDistinctVectorsAndEachFitsItsFields()
    {
        Assert.True(XssVectors.Count >= 50, $"{XssVectors.Count} vectors");
        Assert.All(XssVectors.Ids, id => Assert.InRange(XssVectors.For(id).Length, 1, 190));
        Assert.Equal(XssVectors.Count, XssVectors.Ids.Select(XssVectors.For).Distinct().Count());
        Assert.All(XssVectors.Ids, id => Assert.True(XssVectors.For(id).Contains(id.ToString()) || XssVectors.For(id).Contains("base64"), $"vector {id} does not name itself"));
    }
}
