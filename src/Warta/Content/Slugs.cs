using System.Globalization;
using System.Text;

namespace Warta.Content;

public static class Slugs
{
    public const int MaxLength = 120;

    /// <summary>"Pemimpin Donetsk Surati Kim Jong Un!" becomes "pemimpin-donetsk-surati-kim-jong-un".</summary>
    public static string From(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(Math.Min(decomposed.Length, MaxLength));
        var pendingDash = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingDash && slug.Length > 0) slug.Append('-');
                if (slug.Length >= MaxLength) break;
                slug.Append(char.ToLowerInvariant(c));
                pendingDash = false;
            }
            else if (c != '\'' && c != '\u2019')
            {
                pendingDash = true;
            }
        }
        return slug.Length == 0 ? "artikel" : slug.ToString().TrimEnd('-');
    }
}
