namespace Warta.BrowserTests;

/// <summary>
/// Script-injection attempts, one per line; a new one is a new line. Each calls the page's marker
/// <c>__xss($ID)</c> (or opens a dialog, or reaches <see cref="Sentinel"/>) if it ever runs, so the
/// browser can tell which one got through. None may be longer than 190 characters: the headline keeps
/// a "XSS-NN " prefix under its 300, and the dateline holds 200.
/// </summary>
public static class XssVectors
{
    /// <summary>A host that must never be asked for anything.</summary>
    public const string Sentinel = "xss-sentinel.invalid";

    /// <summary>Each of these runs, or leaves something active in the page, when pasted unescaped into HTML.</summary>
    private static readonly string[] Templates =
    [
        // script elements
        "<script>__xss($ID)</script>",
        "<SCRIPT SRC=//xss-sentinel.invalid/$ID.js></SCRIPT>",
        "<script/src=data:,__xss($ID)></script>",
        "</title><script>__xss($ID)</script>",
        "</script><script>__xss($ID)</script>",
        "</textarea><script>__xss($ID)</script>",
        // event handlers that fire by themselves
        "<img src=x onerror=__xss($ID)>",
        "<IMG SRC=x ONERROR=__xss($ID)>",
        "<img/src=\"x\"/onerror=__xss($ID)>",
        "<img src=x onerror=&#95;&#95;xss($ID)>",
        "<img src=x:x onerror=\"javascript:__xss($ID)\">",
        "<body onload=__xss($ID)>",
        "<body onpageshow=__xss($ID)>",
        "<input autofocus onfocus=__xss($ID)>",
        "<select autofocus onfocus=__xss($ID)></select>",
        "<textarea autofocus onfocus=__xss($ID)></textarea>",
        "<details open ontoggle=__xss($ID)>",
        "<video src=x onerror=__xss($ID)></video>",
        "<audio src=x onerror=__xss($ID)></audio>",
        "<video><source onerror=__xss($ID)></video>",
        "<marquee onstart=__xss($ID)>x</marquee>",
        "<style>@keyframes x{}</style><p style=\"animation-name:x\" onanimationstart=\"__xss($ID)\">x</p>",
        "<p onmouseover=__xss($ID) onclick=__xss($ID)>x</p>",
        "<iframe onload=__xss($ID)></iframe>",
        "<img src=x onerror=__xss($ID) ",
        // SVG and MathML
        "<svg onload=__xss($ID)>",
        "<svg><script>__xss($ID)</script></svg>",
        "<svg><animate onbegin=__xss($ID) attributeName=x dur=1s>",
        "<svg><set onbegin=__xss($ID) attributeName=x to=1>",
        "<svg><a xlink:href=\"javascript:__xss($ID)\"><text x=20 y=20>x</text></a></svg>",
        "<svg><foreignObject><iframe srcdoc=\"<script>__xss($ID)</script>\"></iframe></foreignObject></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=__xss($ID)>",
        "<math href=\"javascript:__xss($ID)\">x</math>",
        "<math><maction actiontype=statusline xlink:href=javascript:__xss($ID)>x</maction></math>",
        // URLs with scripts, plain and disguised
        "<a href=\"javascript:__xss($ID)\">klik</a>",
        "<a href=\"JaVaScRiPt:__xss($ID)\">klik</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;__xss($ID)\">klik</a>",
        "<a href=\"&#x6A;avascript&#x3A;__xss($ID)\">klik</a>",
        "<a href=\"javascript&colon;__xss($ID)\">klik</a>",
        "<a href=\" &#14; javascript:__xss($ID)\">klik</a>",
        "<a href=\"java&#x09;script:__xss($ID)\">klik</a>",
        "<a href=\"java\nscript:__xss($ID)\">klik</a>",
        "<a href=\"vbscript:msgbox($ID)\">klik</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">klik $ID</a>",
        "<a href=\"#\" onclick=\"__xss($ID)\">klik</a>",
        "<form action=\"javascript:__xss($ID)\"><button>kirim</button></form>",
        "<button formaction=\"javascript:__xss($ID)\">kirim</button>",
        "<table background=\"javascript:__xss($ID)\"><tr><td>x</td></tr></table>",
        "<isindex action=javascript:__xss($ID) type=image>",
        // frames, plugins, navigation
        "<iframe src=\"javascript:__xss($ID)\"></iframe>",
        "<iframe srcdoc=\"&lt;img src=x onerror=__xss($ID)&gt;\"></iframe>",
        "<object data=\"javascript:__xss($ID)\"></object>",
        "<object data=\"data:text/html,<script>alert($ID)</script>\"></object>",
        "<embed src=\"javascript:__xss($ID)\">",
        "<embed src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=http://xss-sentinel.invalid/$ID\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:__xss($ID)\">",
        "<base href=\"http://xss-sentinel.invalid/$ID/\">",
        // styles
        "<p style=\"background:url(javascript:__xss($ID))\">x</p>",
        "<p style=\"width:expression(__xss($ID))\">x</p>",
        "<style>@import 'http://xss-sentinel.invalid/$ID.css';</style>",
        "<link rel=stylesheet href=http://xss-sentinel.invalid/$ID.css>",
        "<style>body{background:url(\"http://xss-sentinel.invalid/$ID.png\")}</style>",
        // parser tricks and mutation XSS
        "<noscript><p title=\"</noscript><img src=x onerror=__xss($ID)>\">",
        "<style><img src=x onerror=__xss($ID)></style>",
        "<!--<img src=\"--><img src=x onerror=__xss($ID)//\">",
        "<![CDATA[><img src=x onerror=__xss($ID)>]]>",
        "<p title=\"<img src=x onerror=__xss($ID)>\">x</p>",
        // breaking out of attributes and text
        "\"><script>__xss($ID)</script>",
        "'><img src=x onerror=__xss($ID)>",
        "\" autofocus onfocus=\"__xss($ID)\" x=\"",
        "' autofocus onfocus='__xss($ID)' x='",
        "\"}]}</script><script>__xss($ID)</script>",
        // bidirectional and line-separator characters
        "\u202Egnp.<img src=x onerror=__xss($ID)>",
        "<img src=x onerror=\"\u2028__xss($ID)\">",
    ];

    /// <summary>
    /// Inert as typed, even pasted raw into a page: they run only if something decodes them (UTF-7,
    /// full-width brackets, JSON escapes), lifts them out of where they sit (template, xmp) or strips
    /// tags once (the nested script).
    /// </summary>
    private static readonly string[] Traps =
    [
        "<template><script>__xss($ID)</script></template>",
        "<xmp><img src=x onerror=__xss($ID)></xmp>",
        "\\u003cscript\\u003e__xss($ID)\\u003c/script\\u003e",
        "+ADw-script+AD4-__xss($ID)+ADw-/script+AD4-",
        "＜script＞__xss($ID)＜/script＞",
        "<scr<script>ipt>__xss($ID)</scr</script>ipt>",
    ];

    /// <summary>Vector number <paramref name="id"/> (1-based), with its marker.</summary>
    public static string For(int id) => (id <= Templates.Length ? Templates[id - 1] : Traps[id - Templates.Length - 1]).Replace("$ID", id.ToString());

    /// <summary>True for a vector that runs only when decoded or moved (see <see cref="Traps"/>).</summary>
    public static bool IsTrap(int id) => id > Templates.Length;

    public static int Count => Templates.Length + Traps.Length;

    public static IEnumerable<int> Ids => Enumerable.Range(1, Count);
}
