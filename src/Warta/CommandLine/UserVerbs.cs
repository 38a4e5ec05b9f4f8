using Warta.Accounts;
using Warta.Content;
using Warta.Network;

namespace Warta.CommandLine;

/// <summary>`user list|add|disable|enable|revoke`: the network's staff, from the server's command line.</summary>
public static class UserVerbs
{
    public const string Usage = """
        Pemakaian: warta user list [--site <slug>]
               warta user add <email> --role <peran> [--site <slug>] [--name <nama>]
               warta user revoke <email> --role <peran> [--site <slug>]
               warta user disable <email>
               warta user enable <email>
          peran: writer, editor, site-admin atau network-admin (yang terakhir tanpa --site)
          add membaca kata sandi (minimal 12 karakter) dari masukan standar; untuk akun yang sudah ada, menambah peran
          disable mengakhiri semua sesi dan menolak token API akun itu seketika; enable memulihkannya
        """;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var directory = services.GetRequiredService<SiteDirectory>();
        using var scope = services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        switch (args)
        {
            case ["list", .. var options]:
                var site = Site(directory, Options.Parse(options, "--site").GetValueOrDefault("--site"));
                foreach (var member in await accounts.ListAsync(site?.Id))
                    Console.WriteLine(string.Join('\t', member.Email, member.DisplayName, RolesOf(member, directory), LastSignIn(member), member.DisabledAt is null ? "aktif" : "nonaktif"));
                return 0;
            case ["add", var email, .. var options]:
                var add = Options.Parse(options, "--role", "--site", "--name");
                var (addSite, role) = (Site(directory, add.GetValueOrDefault("--site")), Role(add));
                var result = await accounts.AddAsync(email, ReadPassword(), addSite, role, add.GetValueOrDefault("--name"));
                return Report(result, $"{email} {(result.Created ? "ditambahkan" : "sudah ada")}; peran {StaffRoles.Label(role)} di {Where(role, addSite)}.");
            case ["revoke", var email, .. var options]:
                var revoke = Options.Parse(options, "--role", "--site");
                var (revokeSite, revoked) = (Site(directory, revoke.GetValueOrDefault("--site")), Role(revoke));
                return Report(await accounts.RevokeAsync(null, email, revokeSite, revoked), $"Peran {StaffRoles.Label(revoked)} {email} di {Where(revoked, revokeSite)} dicabut.");
            case ["disable", var email]:
                return Report(await accounts.DisableAsync(null, email), $"{email} dinonaktifkan: sesi dan token API-nya tidak berlaku lagi.");
            case ["enable", var email]:
                return Report(await accounts.EnableAsync(null, email), $"{email} aktif kembali.");
            default:
                throw new CommandLineException("user perlu list, add, revoke, disable atau enable.");
        }
    }

    private static SiteInfo? Site(SiteDirectory directory, string? slug) =>
        slug is null ? null : directory.FindBySlug(slug) ?? throw new CommandLineException($"Situs '{slug}' tidak ada. Lihat `site list`.");

    private static StaffRole Role(IReadOnlyDictionary<string, string> options) =>
        options.GetValueOrDefault("--role") is { } text && StaffRoles.TryParse(text, out var role)
            ? role
            : throw new CommandLineException("--role harus writer, editor, site-admin atau network-admin.");

    private static string Where(StaffRole role, SiteInfo? site) => role == StaffRole.NetworkAdmin ? "seluruh jaringan" : $"situs {site?.Slug}";

    private static string RolesOf(StaffMember member, SiteDirectory directory) => member.Roles.Count == 0 ? "(tanpa peran)"
        : string.Join(", ", member.Roles.Select(r => r.SiteId is { } id ? $"{StaffRoles.Label(r.Role)} {directory.FindById(id)?.Slug}" : StaffRoles.Label(r.Role)));

    private static string LastSignIn(StaffMember member) =>
        member.LastSignInAt is { } at ? $"masuk {IndonesianDates.Full(at, IndonesianTimeZone.Wib)}" : "belum pernah masuk";

    private static int Report(AccountResult result, string success)
    {
        if (result.Succeeded)
        {
            Console.WriteLine(success);
            return 0;
        }
        foreach (var error in result.Errors) Console.Error.WriteLine(error);
        return 1;
    }

    /// <summary>From a pipe as one line; at a terminal, asked for without echo.</summary>
    private static string ReadPassword()
    {
        if (Console.IsInputRedirected)
            return Console.In.ReadLine() ?? throw new CommandLineException("Kata sandi tidak ada di masukan standar.");
        return Spectre.Console.AnsiConsole.Prompt(new Spectre.Console.TextPrompt<string>("Kata sandi:") { IsSecret = true });
    }
}

/// <summary>`--name value` pairs of a verb; an option it does not take, or one without its value, is named.</summary>
public static class Options
{
    public static IReadOnlyDictionary<string, string> Parse(string[] args, params string[] allowed)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!allowed.Contains(args[i])) throw new CommandLineException(args[i].StartsWith("--") ? $"Opsi tidak dikenal: {args[i]}" : $"Argumen tidak dikenal: {args[i]}");
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--")) throw new CommandLineException($"{args[i]} perlu nilai.");
            values[args[i]] = args[++i];
        }
        return values;
    }
}
