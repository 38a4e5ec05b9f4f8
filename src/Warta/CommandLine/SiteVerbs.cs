using Warta.Administration;
using Warta.Network;

namespace Warta.CommandLine;

/// <summary>`site add|edit|list` and `section add`: setting up a network without the demo.</summary>
public static class SiteVerbs
{
    public const string SiteUsage = """
        Pemakaian: warta site list
               warta site add <slug> --name <nama> --host <host> [--host <alias> ...] [opsi]
               warta site edit <slug> [opsi]
        Opsi:
          --name <nama>           nama situs, mis. WartaSolo
          --host <host>           host situs; diulang untuk alias (yang pertama alamat utamanya)
          --time-zone <zona>      WIB (bawaan), WITA atau WIT
          --tagline <teks>        slogan di bawah logo
          --color <#rrggbb>       warna merek
          --promo <teks>          baris promosi di atas halaman
          --whatsapp <url>        saluran WhatsApp (https://whatsapp.com/channel/...)
          --copyright <nama>      pemegang hak cipta di kaki halaman (bawaan: nama situs)
          --dateline <teks>       penanda dateline, mis. WARTASOLO.COM (bawaan: host pertama)
          --default               situs untuk host yang tidak dikenal
        """;

    public const string SectionUsage = """
        Pemakaian: warta section add <situs> <slug> --name <nama>
          menambah rubrik di akhir navigasi situs, mis. section add solo solo-raya --name "Solo Raya"
        """;

    public static async Task<int> SiteAsync(IServiceProvider services, string[] args)
    {
        switch (args)
        {
            case ["list"]:
                foreach (var site in services.GetRequiredService<SiteDirectory>().All)
                    Console.WriteLine($"{site.Slug}\t{string.Join(' ', site.Hosts)}\t{site.Name}\t{site.TimeZone.Abbreviation()}");
                return 0;
            case ["add", var slug, .. var options]:
                return await RunAsync(services, admin => admin.CreateSiteAsync(null, slug, Parse(options)));
            case ["edit", var slug, .. var options]:
                return await RunAsync(services, admin => admin.EditSiteAsync(null, slug, Parse(options)));
            default:
                throw new CommandLineException("site perlu list, add <slug> atau edit <slug>.");
        }
    }

    public static Task<int> SectionAsync(IServiceProvider services, string[] args) => args switch
    {
        ["add", var site, var slug, "--name", var name] => RunAsync(services, admin => admin.AddSectionAsync(null, site, slug, name)),
        _ => throw new CommandLineException("section add perlu situs, slug dan --name."),
    };

    private static async Task<int> RunAsync(IServiceProvider services, Func<NetworkAdministration, Task<AdministrationResult>> step)
    {
        using var scope = services.CreateScope();
        var result = await step(scope.ServiceProvider.GetRequiredService<NetworkAdministration>());
        (result.Succeeded ? Console.Out : Console.Error).WriteLine(result.Message);
        return result.Succeeded ? 0 : 1;
    }

    public static SiteSettings Parse(string[] args)
    {
        var settings = new SiteSettings();
        var hosts = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length && !args[i + 1].StartsWith("--") ? args[++i] : throw new CommandLineException($"{args[i]} perlu nilai.");
            if (args[i] == "--host")
            {
                hosts.Add(Value());
                settings = settings with { Hosts = hosts };
                continue;
            }
            settings = args[i] switch
            {
                "--name" => settings with { Name = Value() },
                "--time-zone" => settings with { TimeZone = Value() },
                "--tagline" => settings with { Tagline = Value() },
                "--color" => settings with { BrandColor = Value() },
                "--promo" => settings with { PromoLine = Value() },
                "--whatsapp" => settings with { WhatsAppChannelUrl = Value() },
                "--copyright" => settings with { CopyrightHolder = Value() },
                "--dateline" => settings with { Dateline = Value() },
                "--default" => settings with { IsDefault = true },
                _ => throw new CommandLineException($"Opsi tidak dikenal: {args[i]}"),
            };
        }
        return settings;
    }
}
