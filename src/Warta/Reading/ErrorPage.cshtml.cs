using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Warta.Reading;

/// <summary>
/// Friendly pages for 404 and 500; the status code of the original request is kept. A failed POST is
/// re-executed here as a POST, so the page answers that too, and changes nothing to need a token.
/// </summary>
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class ErrorPageModel : PageModel
{
    public void OnPost(int code) => OnGet(code);

    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int code)
    {
        (Title, Message) = code switch
        {
            404 => ("Halaman tidak ditemukan", "Maaf, halaman yang Anda cari tidak ada atau sudah dipindahkan."),
            405 => ("Tidak bisa dilakukan", "Halaman ini tidak menerima kiriman seperti itu."),
            413 => ("Berkas terlalu besar", "Kiriman ini melebihi batas ukuran server (30 MB). Perkecil berkasnya, lalu coba lagi."),
            _ => ("Terjadi kesalahan", "Maaf, ada gangguan di server kami. Silakan coba beberapa saat lagi."),
        };
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null
            && HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>() is null)
            Response.StatusCode = code is >= 400 and < 600 ? code : 404;
    }
}
