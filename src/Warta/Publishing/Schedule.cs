using System.Globalization;
using Warta.Content;
using Warta.Network;

namespace Warta.Publishing;

/// <summary>
/// A publication time given by an editor: from the story page's datetime-local field (local time in
/// the site's zone) or the API (an instant). A time that cannot be read, or lies outside what a
/// newsroom means by "schedule", is refused with the reason, before anything is saved.
/// </summary>
public static class Schedule
{
    /// <summary>A time this far in the past still means "now": the minute the editor typed has just begun or ended.</summary>
    public static readonly TimeSpan Leeway = TimeSpan.FromMinutes(5);

    /// <summary>Later than this is a typing mistake (2062 for 2026), not a plan.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(366);

    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFF"];

    public readonly record struct Parsed(DateTimeOffset? At, string? Error);

    /// <summary>Empty means "now"; otherwise the instant of <paramref name="local"/> in <paramref name="zone"/>, or why not.</summary>
    public static Parsed Parse(string? local, IndonesianTimeZone zone, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(local)) return new(null, null);
        if (!TryReadLocal(local, out var time))
            return new(null, $"Waktu terbit \"{Shown(local)}\" tidak bisa dibaca; pilih tanggal dan jam, mis. 17-08-2026 14.05.");
        // Checked before the offset is applied: 0001-01-01 minus seven hours is no instant at all.
        if (time < now.UtcDateTime.AddDays(-2) || time > now.UtcDateTime.Add(Horizon).AddDays(2))
            return new(null, Check(time < now.UtcDateTime ? DateTimeOffset.MinValue : DateTimeOffset.MaxValue, now, zone));
        var at = new DateTimeOffset(time, zone.Offset());
        return Check(at, now, zone) is { } error ? new(null, error) : new(at, null);
    }

    /// <summary>Why <paramref name="at"/> cannot be a publication time, or null when it can.</summary>
    public static string? Check(DateTimeOffset at, DateTimeOffset now, IndonesianTimeZone zone)
    {
        if (at < now - Leeway)
            return "Waktu terbit sudah lewat. Kosongkan kolomnya untuk terbit sekarang, atau pilih waktu yang akan datang.";
        if (at > now + Horizon)
            return $"Waktu terbit paling lambat setahun dari sekarang ({IndonesianDates.Full(now + Horizon, zone)}).";
        return null;
    }

    /// <summary>A datetime-local field's value as the browser sends it, still without a zone.</summary>
    public static bool TryReadLocal(string local, out DateTime time) =>
        DateTime.TryParseExact(local.Trim(), LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    private static string Shown(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
