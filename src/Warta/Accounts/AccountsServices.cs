using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Warta.Data;
using Warta.Operations;

namespace Warta.Accounts;

public sealed class AccountsOptions
{
    public const string Section = "Warta:Accounts";

    /// <summary>
    /// How often a signed-in session's roles are read again from the store. Changes made through Warta
    /// (a role revoked, an account disabled, signing out) renew the security stamp and reach sessions
    /// at once; this bounds only changes that do not, such as a role edited directly in the store.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = Section + ":SessionCheckInterval must be between {1} and {2}.")]
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed class DataProtectionKeysOptions
{
    public const string Section = "Warta:DataProtection";

    [Required(ErrorMessage = Section + ":KeysFolder must not be empty.")]
    public string KeysFolder { get; set; } = "data/keys";
}

public static class AccountsServices
{
    public const string SignInRateLimit = "sign-in";
    public const string NewsroomPath = "/redaksi";

    /// <summary>
    /// Sign-in cookies, anti-forgery tokens and preview links are protected with these keys: every node
    /// must read the same folder, and keeping it beside the data means a restart signs nobody out.
    /// </summary>
    public static IServiceCollection AddDataProtectionKeys(this IServiceCollection services, IConfiguration configuration)
    {
        var keys = services.ReadSettings<DataProtectionKeysOptions>(configuration, DataProtectionKeysOptions.Section);
        services.AddDataProtection()
            .SetApplicationName("Warta")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(keys.KeysFolder)));
        return services;
    }

    /// <summary>Staff accounts (Identity), their sign-in cookie and sessions, personal access tokens and the audit log.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddSettings<AccountsOptions>(AccountsOptions.Section);
        services.AddIdentityCore<StaffUser>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B): a long passphrase beats "P@ssw0rd1".
                identity.Password.RequiredLength = 12;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireDigit = false;
                identity.Password.RequiredUniqueChars = 5;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                identity.Lockout.AllowedForNewUsers = true;
                // Identity asks IUserConfirmation only when this is on; ours says "not allowed" for a disabled account.
                identity.SignIn.RequireConfirmedAccount = true;
            })
            .AddEntityFrameworkStores<WartaDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>();
        services.AddScoped<IUserConfirmation<StaffUser>, EnabledAccounts>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, PersonalAccessTokenHandler>(PersonalAccessTokens.Scheme, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(cookie =>
            {
                cookie.LoginPath = $"{NewsroomPath}/masuk";
                cookie.LogoutPath = $"{NewsroomPath}/keluar";
                cookie.AccessDeniedPath = $"{NewsroomPath}/ditolak";
                // The newsroom cookie never reaches reader pages, so they stay anonymous and cacheable.
                cookie.Cookie.Path = NewsroomPath;
                cookie.Cookie.Name = "warta.redaksi";
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
                cookie.SlidingExpiration = true;
                StaffSessions.Track(cookie);
            }));
        // Sign-outs and renewed stamps reach every request at once (StaffSessions); the claims
        // themselves are rebuilt from the store once per interval.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<AccountsOptions>((o, accounts) =>
        {
            o.ValidationInterval = accounts.SessionCheckInterval;
            o.OnRefreshingPrincipal = StaffSessions.KeepOnRefresh;
        });
        services.AddAuthorization();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<PersonalAccessTokens>();
        services.AddScoped<AuditLog>();
        services.AddHttpContextAccessor();
        return services;
    }

    /// <summary>The newsroom's forms carry an anti-forgery token; its cookie, like the sign-in cookie, stays under /redaksi.</summary>
    public static IServiceCollection AddNewsroomAntiforgery(this IServiceCollection services) =>
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "warta.af";
            o.Cookie.Path = NewsroomPath;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

    /// <summary>The limit on password guesses (<see cref="SignInRateLimit"/>), the only rate-limited endpoint.</summary>
    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Password guesses per client address (the reader's, behind a configured proxy: see
            // ForwardedProxies); reading the form is not limited.
            limiter.AddPolicy(SignInRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("read"));
        });
}
