using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Warta.Accounts;

namespace Warta.Newsroom;

public sealed class SignOutModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, AuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect($"{AccountsServices.NewsroomPath}/masuk");
    }

    /// <summary>A new security stamp invalidates every cookie issued before it, on every device.</summary>
    public async Task<IActionResult> OnPostEverywhereAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            await audit.RecordNowAsync(AuditActions.SignOutEverywhere, User, actor: user.Email);
        }
        await signIn.SignOutAsync();
        return Redirect($"{AccountsServices.NewsroomPath}/masuk");
    }
}
