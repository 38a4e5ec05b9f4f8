using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Warta.Accounts;
using Warta.Administration;
using Warta.Network;
using Warta.Publishing;

namespace Warta.Newsroom;

/// <summary>`/redaksi/jaringan/{slug}`: a site's settings and its sections.</summary>
public sealed class SiteSettingsModel(NetworkAdministration administration, SiteDirectory sites) : PageModel
{
    [FromRoute(Name = "slug")] public string SiteSlug { get; set; } = "";
    [BindProperty] public SiteForm Form { get; set; } = new();
    [BindProperty] public string? SectionSlug { get; set; }
    [BindProperty] public string? SectionName { get; set; }

    public SiteInfo Site { get; private set; } = null!;
    public string? Message { get; private set; }

    public IActionResult OnGet()
    {
        if (!User.IsNetworkAdmin()) return Forbid();
        if (sites.FindBySlug(SiteSlug) is not { } site) return NotFound();
        Site = site;
        Form = SiteForm.Of(site, sites.Default?.Id == site.Id);
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken) =>
        ChangeAsync(() => administration.EditSiteAsync(User, SiteSlug, Form.ToSettings(creating: false), cancellationToken));

    public Task<IActionResult> OnPostSectionAsync(CancellationToken cancellationToken) =>
        ChangeAsync(() => administration.AddSectionAsync(User, SiteSlug, SectionSlug?.Trim() ?? "", SectionName ?? "", cancellationToken));

    private async Task<IActionResult> ChangeAsync(Func<Task<AdministrationResult>> change)
    {
        if (!User.IsNetworkAdmin()) return Forbid();
        if (sites.FindBySlug(SiteSlug) is not { } site) return NotFound();
        var result = await change();
        if (result.Outcome == StepOutcome.Forbidden) return Forbid();
        if (result.Succeeded) return Redirect($"/redaksi/jaringan/{SiteSlug}");
        Site = site;
        Message = result.Message;
        Response.StatusCode = result.Outcome.HttpStatus();
        return Page();
    }
}
