using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Content;
using Warta.Data;
using Warta.Import;
using Warta.Network;
using Warta.Publishing;

namespace Warta.CommandLine;

/// <summary>
/// The command line: `dotnet run --project src/Warta -- &lt;verb&gt;`. Every verb runs against the same
/// configuration and store as the web app; `serve` is the default.
/// </summary>
public static class Verbs
{
    private const string Usage = """
        Pemakaian: warta <perintah>
          serve                                  jalankan situs (bawaan)
          migrate                                perbarui skema basis data
          sites                                  daftar situs: slug dan host
          site list|add|edit ...                 situs jaringan (warta site --help)
          section add <situs> <slug> --name <nama>   rubrik baru di akhir navigasi
          import page <berkas> [--site <slug>] [--section <slug>] [--published <iso-8601>]
          import jsonl <berkas> [--site <slug>]
          user add <email> --role <writer|editor|site-admin|network-admin> [--site <slug>] [--name <nama>]
                                                 kata sandi dibaca dari masukan standar
          user list|revoke|disable|enable ...    staf jaringan (warta user --help)
          token create --email <email> [--name <nama>]   token API (ditampilkan sekali)
          token revoke <awalan-token>
          --version                              versi Warta
        Perintah apa pun dengan --help menjelaskan dirinya.
        """;

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args is ["--version"]) return Print($"Warta {Version}", 0);
        if (args is ["--help"] or ["-h"]) return Print(Usage, 0);
        // Options before any verb (`--urls ...`) belong to the host: that is `serve`.
        var explicitVerb = args.Length > 0 && !args[0].StartsWith('-');
        var verb = explicitVerb ? args[0] : "serve";
        var rest = explicitVerb ? args[1..] : args;
        // Only `serve` starts the host, where settings are checked; the other verbs must not run on a bad one either.
        if (verb != "serve") app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
        if (rest is ["--help"] or ["-h"]) return Print(UsageOf(verb), 0);
        try
        {
            return verb switch
            {
                "serve" => await ServeAsync(app),
                "site" => await PreparedAsync(app, () => SiteVerbs.SiteAsync(app.Services, rest)),
                "section" => await PreparedAsync(app, () => SiteVerbs.SectionAsync(app.Services, rest)),
                "migrate" => await MigrateAsync(app),
                "sites" => await SitesAsync(app),
                "import" => await ImportAsync(app, rest),
                "user" => await PreparedAsync(app, () => UserVerbs.RunAsync(app.Services, rest)),
                "token" => await TokenAsync(app, rest),
                "help" or "--help" => Print(Usage, 0),
                _ => Print($"Perintah tidak dikenal: {verb}\n{Usage}", 2),
            };
        }
        catch (CommandLineException ex)
        {
            return Print($"{ex.Message}\n{UsageOf(verb)}", 2);
        }
        catch (ScrapedPageException ex)
        {
            // The page could not be read: say which file and why, without a stack trace.
            return Print($"{rest.FirstOrDefault(a => File.Exists(a)) ?? "berkas"}: {ex.Message}", 1);
        }
        finally
        {
            // A verb that published ran the network-wide handlers under a lease; a running server takes them over now, not when it lapses.
            if (verb != "serve") await app.Services.GetRequiredService<ChangeDispatcher>().ReleaseAsync(CancellationToken.None);
        }
    }

    private static async Task<int> ServeAsync(WebApplication app)
    {
        await app.RunAsync();
        return 0;
    }

    /// <summary>Every verb brings the schema up to date; the demo network comes only when `Warta:Demo` asks for it.</summary>
    private static Task PrepareAsync(WebApplication app) =>
        StoreStartup.PrepareAsync(app.Services, migrate: true, seedDemo: app.Services.GetRequiredService<StoreStartupOptions>().Demo);

    private static async Task<int> PreparedAsync(WebApplication app, Func<Task<int>> verb)
    {
        await PrepareAsync(app);
        return await verb();
    }

    private static string UsageOf(string verb) => verb switch
    {
        "site" => SiteVerbs.SiteUsage,
        "user" => UserVerbs.Usage,
        "section" => SiteVerbs.SectionUsage,
        _ => Usage,
    };

    private static string Version =>
        typeof(Verbs).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "tidak diketahui";

    private static async Task<int> MigrateAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WartaDbContext>();
        await db.MigrateAsync();
        var applied = await db.Database.GetAppliedMigrationsAsync();
        Console.WriteLine($"Skema mutakhir ({db.Database.ProviderName}): {applied.Count()} migrasi.");
        return 0;
    }

    private static async Task<int> SitesAsync(WebApplication app)
    {
        await PrepareAsync(app);
        foreach (var site in app.Services.GetRequiredService<SiteDirectory>().All)
            Console.WriteLine($"{site.Slug}\t{string.Join(' ', site.Hosts)}");
        return 0;
    }

    private static async Task<int> ImportAsync(WebApplication app, string[] args)
    {
        var options = ImportArguments.Parse(args);
        await PrepareAsync(app);
        var directory = app.Services.GetRequiredService<SiteDirectory>();
        var site = options.SiteSlug is null
            ? directory.Default ?? throw new CommandLineException("Jaringan belum punya situs.")
            : directory.FindBySlug(options.SiteSlug) ?? throw new CommandLineException($"Situs '{options.SiteSlug}' tidak ada. Lihat `sites`.");
        if (!File.Exists(options.File)) throw new CommandLineException($"Berkas tidak ditemukan: {options.File}");

        using var scope = app.Services.CreateScope();
        var origin = app.Services.GetRequiredService<PublicOrigin>().For(site);
        switch (options.Format)
        {
            case "page":
                var page = scope.ServiceProvider.GetRequiredService<PageImporter>();
                var result = await page.ImportAsync(site, options.File, options.SectionSlug, options.PublishedAt);
                foreach (var warning in result.Warnings) Console.Error.WriteLine($"peringatan: {warning}");
                Console.WriteLine($"{origin}{result.Path}");
                return 0;
            case "jsonl":
                var jsonl = scope.ServiceProvider.GetRequiredService<JsonLinesImporter>();
                var report = await jsonl.ImportAsync(site, options.File, ImportProgress.Console());
                foreach (var problem in report.Problems)
                    Console.Error.WriteLine($"baris {problem.Line}: {problem.Reason}");
                Console.WriteLine($"{report.Imported} diimpor, {report.Skipped} sudah ada, {report.Problems.Count} bermasalah, {report.Elapsed.TotalSeconds:0.0} detik ({report.PerSecond:0} artikel/detik).");
                Console.WriteLine($"{origin}/");
                return report.Problems.Count == 0 ? 0 : 1;
            default:
                throw new CommandLineException($"Format impor tidak dikenal: {options.Format} (page atau jsonl).");
        }
    }

    private static async Task<int> TokenAsync(WebApplication app, string[] args)
    {
        await PrepareAsync(app);
        using var scope = app.Services.CreateScope();
        var tokens = scope.ServiceProvider.GetRequiredService<PersonalAccessTokens>();
        switch (args)
        {
            case ["create", "--email", var email, ..var more]:
                var name = more is ["--name", var given] ? given : "API";
                var created = await tokens.CreateAsync(email, name) ?? throw new CommandLineException($"Tidak ada pengguna dengan email {email}.");
                await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordNowAsync(AuditActions.TokenCreated, null, subject: email, detail: created.Record.Prefix, actor: StaffAccounts.CommandLineActor);
                Console.WriteLine(created.Token);
                Console.Error.WriteLine($"Token '{name}' untuk {email} (awalan {created.Record.Prefix}). Simpan sekarang: token tidak bisa ditampilkan lagi.");
                return 0;
            case ["revoke", var prefix]:
                var revoked = await tokens.RevokeAsync(prefix);
                await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordNowAsync(AuditActions.TokenRevoked, null, detail: prefix, actor: StaffAccounts.CommandLineActor);
                Console.WriteLine($"{revoked} token dicabut.");
                return revoked > 0 ? 0 : 1;
            default:
                throw new CommandLineException("Pemakaian: token create --email <email> [--name <nama>] | token revoke <awalan>.");
        }
    }

    private static int Print(string text, int code)
    {
        (code == 0 ? Console.Out : Console.Error).WriteLine(text);
        return code;
    }
}

public sealed class CommandLineException(string message) : Exception(message);

public sealed record ImportArguments(string Format, string File, string? SiteSlug, string? SectionSlug, DateTimeOffset? PublishedAt)
{
    public static ImportArguments Parse(string[] args)
    {
        var positional = new List<string>();
        string? site = null, section = null;
        DateTimeOffset? published = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new CommandLineException($"{args[i]} perlu nilai.");
            switch (args[i])
            {
                case "--site": site = Value(); break;
                case "--section": section = Value(); break;
                case "--published":
                    published = DateTimeOffset.TryParse(Value(), out var at) ? at : throw new CommandLineException("--published harus tanggal ISO 8601, mis. 2022-08-17T14:05:00+07:00.");
                    break;
                default:
                    if (args[i].StartsWith("--")) throw new CommandLineException($"Opsi tidak dikenal: {args[i]}");
                    positional.Add(args[i]);
                    break;
            }
        }
        if (positional.Count != 2) throw new CommandLineException("import perlu format dan berkas: import page|jsonl <berkas>.");
        return new ImportArguments(positional[0], positional[1], site, section, published);
    }
}
