namespace Warta.Content;

public sealed class Section
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public int Position { get; set; }
}

public sealed class Tag
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
}

/// <summary>A writer or editor; one record across the network, with a page on every site they write for.</summary>
public sealed class Person
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Bio { get; set; } = "";
    public int? HomeSiteId { get; set; }
}
