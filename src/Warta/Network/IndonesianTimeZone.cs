namespace Warta.Network;

/// <summary>Indonesia's three zones. None observes daylight saving, so each is a fixed offset.</summary>
public enum IndonesianTimeZone
{
    Wib = 7,
    Wita = 8,
    Wit = 9,
}

public static class IndonesianTimeZoneExtensions
{
    public static TimeSpan Offset(this IndonesianTimeZone zone) => TimeSpan.FromHours((int)zone);

    public static string Abbreviation(this IndonesianTimeZone zone) => zone switch
    {
        IndonesianTimeZone.Wib => "WIB",
        IndonesianTimeZone.Wita => "WITA",
        IndonesianTimeZone.Wit => "WIT",
        _ => throw new ArgumentOutOfRangeException(nameof(zone), zone, null),
    };

    public static bool TryParse(string text, out IndonesianTimeZone zone)
    {
        zone = text.Trim().ToUpperInvariant() switch
        {
            "WIB" => IndonesianTimeZone.Wib,
            "WITA" => IndonesianTimeZone.Wita,
            "WIT" => IndonesianTimeZone.Wit,
            _ => 0,
        };
        return zone != 0;
    }

    public static DateTimeOffset ToLocal(this IndonesianTimeZone zone, DateTimeOffset instant) =>
        instant.ToOffset(zone.Offset());
}
