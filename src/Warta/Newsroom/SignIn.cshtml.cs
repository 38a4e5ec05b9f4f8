using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Warta.Accounts;

namespace Warta.Newsroom;

[EnableRateLimiting(AccountsServices.SignInRateLimit)]
public sealed class SignInModel(SignInManager<StaffUser> signIn, AuditLog audit, ILogger<SignInModel> logger) : PageModel
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
        logger.LogWarning("Failed staff sign-in for {Email} from {Address}: {Outcome}", Email, HttpContext.Connection.RemoteIpAddress,
            result.IsLockedOut ? "locked out" : "wrong credentials");
        await audit.RecordNowAsync(result.IsLockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed, null, actor: Email.Trim());
        Message = result.IsLockedOut
            ? "Akun ini dikunci sementara karena terlalu banyak percobaan masuk. Coba lagi dalam 15 menit."
            : "Email atau kata sandi salah.";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
