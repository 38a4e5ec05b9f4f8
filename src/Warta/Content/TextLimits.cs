namespace Warta.Content;

/// <summary>
/// How long the short text fields of a story may be, as the store's columns allow, and which
/// characters none of them may hold. Checked where a person's or a client's text comes in, so an
/// overlong or binary value is a clear refusal instead of a database error after the save began.
/// </summary>
public static class TextLimits
{
    public const int Headline = 300;
    public const int Summary = 1000;
    public const int Dateline = 200;
    public const int Name = 200;
    public const int Tag = 60;
    public const int Comment = 2000;

    /// <summary>The reasons <paramref name="value"/> cannot be stored as <paramref name="label"/>; none when it can (or was not sent).</summary>
    public static IEnumerable<string> Check(string label, string? value, int maxLength)
    {
        if (value is null) yield break;
        if (value.Length > maxLength) yield return $"{label} paling panjang {Count(maxLength)} karakter.";
        if (HasControlCharacters(value)) yield return $"{label} berisi karakter kendali (mis. NUL) yang tidak bisa disimpan.";
    }

    /// <summary>A count as Indonesian writes it: 1.000.</summary>
    public static string Count(int value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture).Replace(',', '.');

    /// <summary>C0 and C1 control characters other than tab and line breaks: never text a reader should see (PostgreSQL refuses NUL outright).</summary>
    public static bool HasControlCharacters(string value) =>
        value.AsSpan().IndexOfAnyInRange('\u0000', '\u0008') >= 0
        || value.AsSpan().IndexOfAnyInRange('\u000B', '\u000C') >= 0
        || value.AsSpan().IndexOfAnyInRange('\u000E', '\u001F') >= 0
        || value.AsSpan().IndexOfAnyInRange('\u007F', '\u009F') >= 0;
}
