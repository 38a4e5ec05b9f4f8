using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Warta.Accounts;

namespace Warta.Newsroom;

[EnableRateLimiting(AccountsServices.SignInRateLimit)]
public sealed class SignInModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, AuditLog audit, ILogger<SignInModel> logger) : PageModel
{
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public bool Remember { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, Remember, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("Staff sign-in: {Email}", Email);
            await audit.RecordNowAsync(AuditActions.SignIn, null, actor: Email.Trim());
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl!.StartsWith(AccountsServices.NewsroomPath) ? ReturnUrl : AccountsServices.NewsroomPath);
        }
        var disabled = result.IsNotAllowed && await KnowsPasswordOfDisabledAsync();
        logger.LogWarning("Failed staff sign-in for {Email} from {Address}: {Outcome}", Email, HttpContext.Connection.RemoteIpAddress,
            result.IsLockedOut ? "locked out" : disabled ? "disabled" : "wrong credentials");
        await audit.RecordNowAsync(result.IsLockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed, null, detail: disabled ? "akun nonaktif" : null, actor: Email.Trim());
        Message = result.IsLockedOut ? "Akun ini dikunci sementara karena terlalu banyak percobaan masuk. Coba lagi dalam 15 menit."
            : disabled ? "Akun ini dinonaktifkan. Hubungi admin situs Anda."
            : "Email atau kata sandi salah.";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    /// <summary>
    /// A disabled account is named only to someone who knows its password, so the email alone tells
    /// nothing; a wrong guess counts towards the lockout as on an enabled account.
    /// </summary>
    private async Task<bool> KnowsPasswordOfDisabledAsync()
    {
        if (await users.FindByEmailAsync(Email.Trim()) is not { } user || await users.IsLockedOutAsync(user)) return false;
        if (await users.CheckPasswordAsync(user, Password)) return true;
        await users.AccessFailedAsync(user);
        return false;
    }
}
