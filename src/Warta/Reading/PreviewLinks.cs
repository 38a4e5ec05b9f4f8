using Microsoft.AspNetCore.DataProtection;

namespace Warta.Reading;

/// <summary>
/// A preview is the real article page at `/pratinjau/{token}`, on the story's own site. The token
/// names the story and expires; it is the only key, so a preview can be opened on a site's host
/// where the newsroom cookie is not sent, and cannot be guessed or kept for later.
/// </summary>
public sealed class PreviewLinks(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string PathPrefix = "/pratinjau";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Warta.Preview.v1").ToTimeLimitedDataProtector();

    public string PathFor(int articleId) =>
        $"{PathPrefix}/{_protector.Protect(articleId.ToString(System.Globalization.CultureInfo.InvariantCulture), clock.GetUtcNow() + Lifetime)}";

    public int? Read(string token)
    {
        try
        {
            return int.TryParse(_protector.Unprotect(token, out var expires), out var id) && expires > clock.GetUtcNow() ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
