using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Warta.Accounts;
using Warta.Data;

namespace Warta.Newsroom;

public sealed class SignOutModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, AuditLog audit, WartaDbContext db) : PageModel
{
    public void OnGet()
    {
    }

    /// <summary>Ends this device's session: its cookie, even a copy of it, is refused from now on (StaffSessions).</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect($"{AccountsServices.NewsroomPath}/masuk");
    }

    /// <summary>Ends every session of the account at once; the new security stamp also voids anything else issued before it.</summary>
    public async Task<IActionResult> OnPostEverywhereAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await StaffSessions.EndAllAsync(db, user.Id);
            await users.UpdateSecurityStampAsync(user);
            await audit.RecordNowAsync(AuditActions.SignOutEverywhere, User, actor: user.Email);
        }
        await signIn.SignOutAsync();
        return Redirect($"{AccountsServices.NewsroomPath}/masuk");
    }
}
