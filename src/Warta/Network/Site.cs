namespace Warta.Network;

/// <summary>One news site of the network, chosen by the Host header of a request.</summary>
public sealed class Site
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Tagline { get; set; } = "";

    /// <summary>Upper-case brand used in datelines, e.g. "WARTANASIONAL.COM".</summary>
    public required string Dateline { get; set; }

    public IndonesianTimeZone TimeZone { get; set; } = IndonesianTimeZone.Wib;
    public string PromoLine { get; set; } = "";
    public string BrandColor { get; set; } = "#b3121a";
    public string? WhatsAppChannelUrl { get; set; }
    public string CopyrightHolder { get; set; } = "";
    public bool IsDefault { get; set; }
    public List<SiteHost> Hosts { get; set; } = [];
    public List<SocialLink> SocialLinks { get; set; } = [];
}

public sealed class SiteHost
{
    public int Id { get; set; }
    public int SiteId { get; set; }

    /// <summary>Lower-case host name without port.</summary>
    public required string Name { get; set; }
}

public sealed class SocialLink
{
    public required string Network { get; set; }
    public required string Url { get; set; }
}

/// <summary>The network itself: one row, naming the company in every footer.</summary>
public sealed class NetworkProfile
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Company { get; set; }
}
