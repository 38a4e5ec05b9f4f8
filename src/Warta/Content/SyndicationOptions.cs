using System.ComponentModel.DataAnnotations;

namespace Warta.Content;

/// <summary>How search engines are told about a copy: point at the origin, or keep the copy out of the index.</summary>
public enum CopyPolicy
{
    Canonical,
    NoIndex,
}

public sealed class SyndicationOptions
{
    public const string Section = "Warta:Syndication";

    /// <summary>The network's policy for every syndicated copy.</summary>
    [EnumDataType(typeof(CopyPolicy), ErrorMessage = Section + ":CopyPolicy must be Canonical or NoIndex.")]
    public CopyPolicy CopyPolicy { get; set; } = CopyPolicy.Canonical;
}
