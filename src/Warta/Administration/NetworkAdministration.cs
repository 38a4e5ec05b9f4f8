using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Content;
using Warta.Data;
using Warta.Network;
using Warta.Publishing;

namespace Warta.Administration;

/// <summary>
/// What an operator says about a site. When a site is edited, a field left null keeps its value;
/// <see cref="Hosts"/>, when given, is the whole list, its first name the site's own address and the
/// others aliases.
/// </summary>
public sealed record SiteSettings(
    string? Name = null,
    IReadOnlyList<string>? Hosts = null,
    string? Tagline = null,
    string? TimeZone = null,
    string? BrandColor = null,
    string? PromoLine = null,
    string? WhatsAppChannelUrl = null,
    string? CopyrightHolder = null,
    string? Dateline = null,
    bool? IsDefault = null);

/// <summary>How an administration step ended: the site or section it made or changed, or why not.</summary>
public sealed record AdministrationResult(StepOutcome Outcome, int Id = 0, string? Message = null)
{
    public bool Succeeded => Outcome == StepOutcome.Ok;

    public static AdministrationResult Invalid(string message) => new(StepOutcome.Invalid, Message: message);
}

/// <summary>
/// Creates and changes the network's sites and their sections, for the network admin's pages and the
/// command line (which acts as the system: <paramref name="user"/> null). Each change is one
/// transaction with a change record of kind <see cref="ChangeKinds.Site"/>: every node reloads its site
/// directory (this one at once, the others at their next poll) and the site's pages are evicted.
/// </summary>
public sealed partial class NetworkAdministration(WartaDbContext db, SiteDirectory directory, AuditLog audit, ChangeDispatcher dispatcher, TimeProvider clock)
{
    /// <summary>First path segments the app itself answers; a section named so would never be reached.</summary>
    public static readonly IReadOnlySet<string> ReservedSectionSlugs = new HashSet<string>(StringComparer.Ordinal)
    {
        "api", "redaksi", "pratinjau", "media", "tag", "penulis", "live", "healthz", "metrics", "robots.txt",
        "search", "cari", "feed", "rss", "sitemap.xml", "sitemap-news.xml", "favicon.ico", "css", "js", "lib", "halaman",
    };

    public async Task<AdministrationResult> CreateSiteAsync(ClaimsPrincipal? user, string slug, SiteSettings settings, CancellationToken cancellationToken = default)
    {
        if (!IsNetworkAdmin(user)) return new AdministrationResult(StepOutcome.Forbidden, Message: "Hanya admin jaringan yang bisa membuat situs.");
        if (SlugRefusal(slug, "Slug situs") is { } badSlug) return AdministrationResult.Invalid(badSlug);
        if (await db.Sites.AnyAsync(s => s.Slug == slug, cancellationToken)) return AdministrationResult.Invalid($"Situs '{slug}' sudah ada.");
        if (string.IsNullOrWhiteSpace(settings.Name)) return AdministrationResult.Invalid("Nama situs wajib diisi.");
        if (settings.Hosts is not { Count: > 0 }) return AdministrationResult.Invalid("Situs perlu sedikitnya satu host, mis. wartasolo.com.");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var site = new Site { Slug = slug, Name = "", Dateline = "", IsDefault = !await db.Sites.AnyAsync(cancellationToken) };
        if (await ApplyAsync(site, settings with { Dateline = settings.Dateline ?? settings.Hosts[0].Trim().ToUpperInvariant() }, cancellationToken) is { } refusal)
            return AdministrationResult.Invalid(refusal);
        db.Sites.Add(site);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(AuditActions.SiteCreated, user, site.Id, $"situs:{site.Slug}", $"{site.Name} ({string.Join(", ", site.Hosts.Select(h => h.Name))})", ActorFor(user));
        await CommitAsync(transaction, site.Id, cancellationToken);
        return new AdministrationResult(StepOutcome.Ok, site.Id, $"Situs {site.Name} dibuat.");
    }

    public async Task<AdministrationResult> EditSiteAsync(ClaimsPrincipal? user, string slug, SiteSettings settings, CancellationToken cancellationToken = default)
    {
        if (!IsNetworkAdmin(user)) return new AdministrationResult(StepOutcome.Forbidden, Message: "Hanya admin jaringan yang bisa mengubah situs.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var site = await db.Sites.Include(s => s.Hosts).SingleOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        if (site is null) return new AdministrationResult(StepOutcome.NotFound, Message: $"Situs '{slug}' tidak ada.");
        if (await ApplyAsync(site, settings, cancellationToken) is { } refusal) return AdministrationResult.Invalid(refusal);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(AuditActions.SiteEdited, user, site.Id, $"situs:{site.Slug}", site.Name, ActorFor(user));
        await CommitAsync(transaction, site.Id, cancellationToken);
        return new AdministrationResult(StepOutcome.Ok, site.Id, $"Situs {site.Name} diperbarui.");
    }

    /// <summary>A new section at the end of the site's navigation.</summary>
    public async Task<AdministrationResult> AddSectionAsync(ClaimsPrincipal? user, string siteSlug, string slug, string name, CancellationToken cancellationToken = default)
    {
        if (!IsNetworkAdmin(user)) return new AdministrationResult(StepOutcome.Forbidden, Message: "Hanya admin jaringan yang bisa menambah rubrik.");
        if (directory.FindBySlug(siteSlug) is not { } site) return new AdministrationResult(StepOutcome.NotFound, Message: $"Situs '{siteSlug}' tidak ada.");
        if (SlugRefusal(slug, "Slug rubrik") is { } badSlug) return AdministrationResult.Invalid(badSlug);
        if (ReservedSectionSlugs.Contains(slug)) return AdministrationResult.Invalid($"Slug rubrik '{slug}' dipakai alamat lain situs ini; pilih yang lain.");
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100) return AdministrationResult.Invalid("Nama rubrik wajib diisi, paling panjang 100 huruf.");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Sections.AnyAsync(s => s.SiteId == site.Id && s.Slug == slug, cancellationToken))
            return AdministrationResult.Invalid($"Rubrik '{slug}' sudah ada di {site.Name}.");
        var position = await db.Sections.Where(s => s.SiteId == site.Id).MaxAsync(s => (int?)s.Position, cancellationToken) ?? -1;
        var section = new Section { SiteId = site.Id, Slug = slug, Name = name.Trim(), Position = position + 1 };
        db.Sections.Add(section);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(AuditActions.SectionAdded, user, site.Id, $"rubrik:{slug}", section.Name, ActorFor(user));
        await CommitAsync(transaction, site.Id, cancellationToken);
        return new AdministrationResult(StepOutcome.Ok, section.Id, $"Rubrik {section.Name} ditambahkan ke {site.Name}.");
    }

    /// <summary>Checks and copies the given fields; the first refusal names the field and why.</summary>
    private async Task<string?> ApplyAsync(Site site, SiteSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Name is { } name)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200) return "Nama situs wajib diisi, paling panjang 200 huruf.";
            site.Name = name.Trim();
        }
        if (settings.Hosts is { } hosts)
        {
            var names = hosts.Select(h => h.Trim().ToLowerInvariant()).Distinct().ToList();
            if (names.Count == 0) return "Situs perlu sedikitnya satu host.";
            if (names.FirstOrDefault(h => !HostName().IsMatch(h)) is { } bad) return $"Host '{bad}' bukan nama host (mis. wartasolo.com, tanpa http:// dan port).";
            var taken = await db.SiteHosts.Where(h => names.Contains(h.Name) && h.SiteId != site.Id).Select(h => h.Name).FirstOrDefaultAsync(cancellationToken);
            if (taken is not null) return $"Host '{taken}' sudah dipakai situs lain.";
            site.Hosts.RemoveAll(h => !names.Contains(h.Name));
            // Kept in the order given: the first is the site's own address.
            var kept = site.Hosts.ToDictionary(h => h.Name);
            site.Hosts = names.Select(n => kept.GetValueOrDefault(n) ?? new SiteHost { Name = n }).ToList();
        }
        if (settings.TimeZone is { } zoneText)
        {
            if (!IndonesianTimeZoneExtensions.TryParse(zoneText, out var zone)) return "Zona waktu harus WIB, WITA atau WIT.";
            site.TimeZone = zone;
        }
        if (settings.BrandColor is { } color)
        {
            if (!BrandColor().IsMatch(color.Trim())) return "Warna merek harus kode heksadesimal, mis. #b3121a.";
            site.BrandColor = color.Trim().ToLowerInvariant();
        }
        if (settings.WhatsAppChannelUrl is { } channel)
        {
            var trimmed = channel.Trim();
            if (trimmed.Length > 0 && !(Uri.TryCreate(trimmed, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps))
                return "Saluran WhatsApp harus alamat https, mis. https://whatsapp.com/channel/...";
            site.WhatsAppChannelUrl = trimmed.Length == 0 ? null : trimmed;
        }
        if (settings.Tagline is { } tagline) site.Tagline = tagline.Trim();
        if (settings.PromoLine is { } promo) site.PromoLine = promo.Trim();
        if (settings.CopyrightHolder is { } holder) site.CopyrightHolder = holder.Trim();
        if (site.CopyrightHolder.Length == 0) site.CopyrightHolder = site.Name;
        if (settings.Dateline is { } dateline)
        {
            if (string.IsNullOrWhiteSpace(dateline) || dateline.Trim().Length > 100) return "Dateline wajib diisi, paling panjang 100 huruf.";
            site.Dateline = dateline.Trim();
        }
        if (settings.IsDefault is true && !site.IsDefault)
        {
            // One default site: the one unknown hosts are shown.
            await db.Sites.Where(s => s.IsDefault).ExecuteUpdateAsync(s => s.SetProperty(x => x.IsDefault, false), cancellationToken);
            site.IsDefault = true;
        }
        var lengths = TextLimits.Check("Tagline", site.Tagline, 300).Concat(TextLimits.Check("Baris promosi", site.PromoLine, 300))
            .Concat(TextLimits.Check("Pemegang hak cipta", site.CopyrightHolder, 200));
        return lengths.FirstOrDefault();
    }

    private async Task CommitAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, int siteId, CancellationToken cancellationToken)
    {
        db.ArticleChanges.Add(ArticleChange.Of(siteId, null, ChangeKinds.Site, [PageCacheTags.Site(siteId)], clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await dispatcher.DispatchAfterCommitAsync(cancellationToken);
    }

    private static bool IsNetworkAdmin(ClaimsPrincipal? user) => user is null || user.IsNetworkAdmin();

    private static string? ActorFor(ClaimsPrincipal? user) => user is null ? StaffAccounts.CommandLineActor : null;

    private static string? SlugRefusal(string slug, string what) =>
        SlugPattern().IsMatch(slug) ? null : $"{what} '{slug}' harus huruf kecil, angka dan tanda hubung (2 sampai 64), mis. solo-raya.";

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])$")]
    private static partial Regex SlugPattern();

    // A DNS name of letters, digits and hyphens; "localhost" and test names without a dot allowed.
    [GeneratedRegex(@"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$")]
    private static partial Regex HostName();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex BrandColor();
}
