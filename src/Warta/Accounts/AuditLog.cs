using System.Security.Claims;
using Warta.Data;

namespace Warta.Accounts;

/// <summary>Who did what, when: kept in the store, shown to admins at /redaksi/audit.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public int? UserId { get; set; }

    /// <summary>The actor's email at the time (or the email tried, for a failed sign-in).</summary>
    public string? Actor { get; set; }

    public int? SiteId { get; set; }
    public required string Action { get; set; }
    public string? Subject { get; set; }
    public string? Detail { get; set; }
    public string? Address { get; set; }
}

public static class AuditActions
{
    public const string SignIn = "masuk";
    public const string SignInFailed = "gagal-masuk";
    public const string LockedOut = "akun-dikunci";
    public const string SignOutEverywhere = "keluar-semua-perangkat";
    public const string RoleGranted = "peran-diberikan";
    public const string RoleRevoked = "peran-dicabut";
    public const string AccountDisabled = "akun-dinonaktifkan";
    public const string AccountEnabled = "akun-diaktifkan";
    public const string Published = "terbit";
    public const string Scheduled = "dijadwalkan";
    public const string Unpublished = "ditarik";
    public const string Returned = "dikembalikan";
    public const string PicksChanged = "pilihan-diubah";
    public const string TopStoriesChanged = "utama-diubah";
    public const string HomeBlocksChanged = "blok-beranda-diubah";
    public const string TokenCreated = "token-dibuat";
    public const string TokenRevoked = "token-dicabut";
    public const string MediaUploaded = "foto-diunggah";
    public const string Syndicated = "sindikasi-diambil";
    public const string SyndicationWithdrawn = "sindikasi-ditarik";
    public const string LiveOpened = "live-dibuka";
    public const string LiveEnded = "live-ditutup";
    public const string SiteCreated = "situs-dibuat";
    public const string SiteEdited = "situs-diubah";
    public const string SectionAdded = "rubrik-ditambahkan";
    public const string PageEdited = "halaman-diubah";

    /// <summary>What the audit log shows for each action: the codes stay in the store, people read these.</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [SignIn] = "Masuk",
        [SignInFailed] = "Gagal masuk",
        [LockedOut] = "Akun dikunci sementara",
        [SignOutEverywhere] = "Keluar dari semua perangkat",
        [RoleGranted] = "Peran diberikan",
        [RoleRevoked] = "Peran dicabut",
        [AccountDisabled] = "Akun dinonaktifkan",
        [AccountEnabled] = "Akun diaktifkan kembali",
        [Published] = "Berita diterbitkan",
        [Scheduled] = "Berita dijadwalkan",
        [Unpublished] = "Berita ditarik",
        [Returned] = "Dikembalikan ke penulis",
        [PicksChanged] = "Berita Pilihan diubah",
        [TopStoriesChanged] = "Berita Utama diubah",
        [HomeBlocksChanged] = "Blok rubrik beranda diubah",
        [TokenCreated] = "Token API dibuat",
        [TokenRevoked] = "Token API dicabut",
        [MediaUploaded] = "Foto diunggah",
        [Syndicated] = "Berita sindikasi diambil",
        [SyndicationWithdrawn] = "Berita sindikasi ditarik",
        [LiveOpened] = "Laporan langsung dibuka",
        [LiveEnded] = "Laporan langsung ditutup",
        [SiteCreated] = "Situs dibuat",
        [SiteEdited] = "Situs diubah",
        [SectionAdded] = "Rubrik ditambahkan",
        [PageEdited] = "Halaman statis diubah",
    };

    /// <summary>The label, or the code itself for an action a newer release wrote.</summary>
    public static string Label(string action) => Labels.GetValueOrDefault(action, action);
}

/// <summary>
/// Adds entries to the current unit of work: a step's entry commits with the step itself, so the log
/// never claims what did not happen. <see cref="RecordNowAsync"/> is for events outside a change.
/// </summary>
public sealed class AuditLog(WartaDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    public void Record(string action, ClaimsPrincipal? user, int? siteId = null, string? subject = null, string? detail = null, string? actor = null)
    {
        db.Set<AuditEntry>().Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserId = int.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null,
            Actor = actor ?? user?.FindFirstValue(ClaimTypes.Email) ?? user?.FindFirstValue(ClaimTypes.Name),
            SiteId = siteId,
            Action = action,
            Subject = subject,
            Detail = detail is { Length: > 500 } ? detail[..500] : detail,
            Address = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        });
    }

    public async Task RecordNowAsync(string action, ClaimsPrincipal? user, int? siteId = null, string? subject = null, string? detail = null, string? actor = null)
    {
        Record(action, user, siteId, subject, detail, actor);
        await db.SaveChangesAsync();
    }
}
