using Warta.Content;
using Warta.Network;

namespace Warta.Tests.Content;

public sealed class IndonesianDatesTests
{
    [Theory]
    [InlineData("2022-08-17T07:05:00Z", IndonesianTimeZone.Wib, "Rabu, 17 Agustus 2022 14:05 WIB")]
    [InlineData("2022-08-17T07:05:00Z", IndonesianTimeZone.Wita, "Rabu, 17 Agustus 2022 15:05 WITA")]
    [InlineData("2022-08-17T07:05:00Z", IndonesianTimeZone.Wit, "Rabu, 17 Agustus 2022 16:05 WIT")]
    [InlineData("2022-08-17T20:30:00Z", IndonesianTimeZone.Wib, "Kamis, 18 Agustus 2022 03:30 WIB")]
    [InlineData("2026-01-04T00:00:00+07:00", IndonesianTimeZone.Wib, "Minggu, 4 Januari 2026 00:00 WIB")]
    [InlineData("2026-12-31T23:59:00+07:00", IndonesianTimeZone.Wib, "Kamis, 31 Desember 2026 23:59 WIB")]
    [InlineData("2026-05-01T12:00:00+07:00", IndonesianTimeZone.Wib, "Jumat, 1 Mei 2026 12:00 WIB")]
    [InlineData("2026-02-28T16:00:00Z", IndonesianTimeZone.Wit, "Minggu, 1 Maret 2026 01:00 WIT")]
    public void FullDatesReadAsIndonesianNewsroomsPrintThem(string instant, IndonesianTimeZone zone, string expected)
    {
        Assert.Equal(expected, IndonesianDates.Full(DateTimeOffset.Parse(instant), zone));
    }

    [Theory]
    [InlineData(DayOfWeek.Sunday, "Minggu")]
    [InlineData(DayOfWeek.Monday, "Senin")]
    [InlineData(DayOfWeek.Tuesday, "Selasa")]
    [InlineData(DayOfWeek.Wednesday, "Rabu")]
    [InlineData(DayOfWeek.Thursday, "Kamis")]
    [InlineData(DayOfWeek.Friday, "Jumat")]
    [InlineData(DayOfWeek.Saturday, "Sabtu")]
    public void DayNames(DayOfWeek day, string name) => Assert.Equal(name, IndonesianDates.DayName(day));

    [Fact]
    public void MonthNamesRunJanuariToDesember()
    {
        Assert.Equal(
            ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"],
            Enumerable.Range(1, 12).Select(IndonesianDates.MonthName));
    }
}
