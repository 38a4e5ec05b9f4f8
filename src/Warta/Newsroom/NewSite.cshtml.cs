using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Warta.Accounts;
using Warta.Administration;
using Warta.Publishing;

namespace Warta.Newsroom;

/// <summary>`/redaksi/jaringan/baru`: a new site of the network.</summary>
public sealed class NewSiteModel(NetworkAdministration administration) : PageModel
{
    [BindProperty] public string? Slug { get; set; }
    [BindProperty] public SiteForm Form { get; set; } = new();
    public string? Message { get; private set; }

    public IActionResult OnGet() => User.IsNetworkAdmin() ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!User.IsNetworkAdmin()) return Forbid();
        Slug = Slug?.Trim() ?? "";
        var result = await administration.CreateSiteAsync(User, Slug, Form.ToSettings(creating: true), cancellationToken);
        if (result.Outcome == StepOutcome.Forbidden) return Forbid();
        if (result.Succeeded) return Redirect($"/redaksi/jaringan/{Slug}");
        Message = result.Message;
        Response.StatusCode = result.Outcome.HttpStatus();
        return Page();
    }
}
