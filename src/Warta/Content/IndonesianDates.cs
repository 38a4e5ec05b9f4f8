using Warta.Network;

namespace Warta.Content;

/// <summary>
/// Dates as Indonesian newsrooms print them: "Rabu, 17 Agustus 2022 14:05 WIB".
/// Written out by hand so the output never depends on the machine's ICU data.
/// </summary>
public static class IndonesianDates
{
    private static readonly string[] Days = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];

    private static readonly string[] Months =
        ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    public static string DayName(DayOfWeek day) => Days[(int)day];

    public static string MonthName(int month) => Months[month - 1];

    /// <summary>"Rabu, 17 Agustus 2022 14:05 WIB"</summary>
    public static string Full(DateTimeOffset instant, IndonesianTimeZone zone)
    {
        var local = zone.ToLocal(instant);
        return $"{Days[(int)local.DayOfWeek]}, {local.Day} {Months[local.Month - 1]} {local.Year} {local:HH}:{local:mm} {zone.Abbreviation()}";
    }

    /// <summary>"17 Agustus 2022 14:05 WIB", for lists where the weekday is noise.</summary>
    public static string Short(DateTimeOffset instant, IndonesianTimeZone zone)
    {
        var local = zone.ToLocal(instant);
        return $"{local.Day} {Months[local.Month - 1]} {local.Year} {local:HH}:{local:mm} {zone.Abbreviation()}";
    }
}
