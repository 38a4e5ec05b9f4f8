using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Warta.Accounts;
using Warta.Media;
using Warta.Network;

namespace Warta.Newsroom;

/// <summary>
/// `/redaksi/media?situs=slug`: the site's photos. Uploads answer with the page, or with JSON when the
/// story editor's photo panel sends them (same checks, same rules).
/// </summary>
public sealed class MediaPageModel(MediaLibrary library, SiteDirectory sites, MediaOptions options) : PageModel
{
    public const int PageSize = 48;

    [FromQuery(Name = "situs")] public string? SiteSlug { get; set; }
    [FromQuery(Name = "q")] public string? Query { get; set; }

    [BindProperty] public string? Caption { get; set; }
    [BindProperty] public string? Credit { get; set; }
    [BindProperty] public string? AltText { get; set; }

    public SiteInfo Site { get; private set; } = null!;
    public IReadOnlyList<MediaItem> Items { get; private set; } = [];
    public string? Message { get; private set; }
    public bool IsError { get; private set; }
    public long MaxUploadBytes => options.MaxUploadBytes;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!FindSite()) return Forbid();
        Items = await library.SearchAsync(Site.Id, Query, PageSize, cancellationToken);
        return Page();
    }

    /// <summary>The story editor's photo search, as you type.</summary>
    public async Task<IActionResult> OnGetSearchAsync(CancellationToken cancellationToken)
    {
        if (!FindSite()) return StatusCode(StatusCodes.Status403Forbidden);
        return new JsonResult(await library.SearchAsync(Site.Id, Query, 12, cancellationToken));
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (!FindSite()) return Forbid();
        MediaResult result;
        if (file is null)
            result = new MediaResult(null, "Pilih berkas foto dulu.");
        else
        {
            using var buffer = new MemoryStream();
            await file.OpenReadStream().CopyToAsync(buffer, cancellationToken);
            result = await library.UploadAsync(User, Site.Id, buffer.ToArray(), Details(), cancellationToken);
        }
        return await RespondAsync(result, "Foto tersimpan.", cancellationToken);
    }

    public async Task<IActionResult> OnPostDescribeAsync(int mediaId, CancellationToken cancellationToken)
    {
        if (!FindSite()) return Forbid();
        return await RespondAsync(await library.DescribeAsync(User, mediaId, Details(), cancellationToken), "Keterangan foto diperbarui.", cancellationToken);
    }

    private async Task<IActionResult> RespondAsync(MediaResult result, string done, CancellationToken cancellationToken)
    {
        if (result.Forbidden) return Forbid();
        if (Request.WantsJson())
            return result.Item is null
                ? new JsonResult(new { error = result.Error }) { StatusCode = StatusCodes.Status422UnprocessableEntity }
                : new JsonResult(result.Item);
        Message = result.Error ?? done;
        IsError = result.Item is null;
        if (IsError) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        else (Caption, Credit, AltText) = ("", "", "");
        Items = await library.SearchAsync(Site.Id, Query, PageSize, cancellationToken);
        return Page();
    }

    private MediaDetails Details() => new(Caption ?? "", Credit ?? "", AltText ?? "");

    private bool FindSite()
    {
        if (sites.FindBySlug(SiteSlug ?? "") is not { } site || !User.Can(site.Id, StaffRole.Writer)) return false;
        Site = site;
        return true;
    }
}
