using Warta.Accounts;
using Warta.Content;

namespace Warta.Publishing;

/// <summary>The names a step leaves in a story's revisions; the newsroom's labels and the docs use them.</summary>
public static class RevisionKinds
{
    public const string Save = "save";
    public const string Autosave = "autosave";
    public const string Restore = "restore";
    public const string Submit = "submit";
    public const string Return = "return";
    public const string Publish = "publish";
    public const string Schedule = "schedule";
    public const string Unpublish = "unpublish";
    public const string Syndicate = "syndicate";

    /// <summary>Not a step: the text of a save that lost a race, kept so nothing typed is lost.</summary>
    public const string Conflict = "conflict";
}

/// <summary>
/// One row of the story state machine: the states a step starts from, the role it needs, the state it
/// leads to (null: the state stays), the audit action it leaves, and why it is refused elsewhere.
/// </summary>
public sealed record StoryStep(string Kind, StaffRole Role, ArticleStatus[] From, ArticleStatus? To, string? AuditAction, string WrongState)
{
    public Refusal? Refuse(ArticleStatus status, StaffRole role)
    {
        if (role < Role) return Refusal.EditorsOnly;
        return From.Contains(status) ? null : new Refusal(WrongState);
    }
}

/// <summary>
/// The whole machine, as a table (docs/newsroom.md draws it):
/// draft -> submitted -> (returned to draft) -> scheduled or published -> unpublished -> published again.
/// Writers move their own drafts; editors every story of their site; the scheduler acts as the system.
/// </summary>
public static class StorySteps
{
    private const ArticleStatus Draft = ArticleStatus.Draft;
    private const ArticleStatus Submitted = ArticleStatus.Submitted;
    private const ArticleStatus Scheduled = ArticleStatus.Scheduled;
    private const ArticleStatus Published = ArticleStatus.Published;
    private const ArticleStatus Unpublished = ArticleStatus.Unpublished;

    private static readonly ArticleStatus[] Every = Enum.GetValues<ArticleStatus>();
    private static readonly ArticleStatus[] NotOnTheSite = [Draft, Submitted, Scheduled, Unpublished];

    public static readonly StoryStep Save = new(RevisionKinds.Save, StaffRole.Writer, Every, null, null, "");
    public static readonly StoryStep Autosave = Save with { Kind = RevisionKinds.Autosave };
    public static readonly StoryStep Restore = Save with { Kind = RevisionKinds.Restore };

    public static readonly StoryStep Submit = new(RevisionKinds.Submit, StaffRole.Writer, [Draft], Submitted, null,
        "Hanya draf yang bisa diajukan ke editor.");

    public static readonly StoryStep Return = new(RevisionKinds.Return, StaffRole.Editor, [Submitted], Draft, AuditActions.Returned,
        "Hanya berita yang diajukan yang bisa dikembalikan.");

    public static readonly StoryStep Publish = new(RevisionKinds.Publish, StaffRole.Editor, NotOnTheSite, Published, AuditActions.Published,
        "Berita ini sudah terbit.");

    public static readonly StoryStep Schedule = Publish with { Kind = RevisionKinds.Schedule, To = Scheduled, AuditAction = AuditActions.Scheduled };

    public static readonly StoryStep Unpublish = new(RevisionKinds.Unpublish, StaffRole.Editor, [Published, Scheduled], Unpublished, AuditActions.Unpublished,
        "Berita ini belum terbit.");

    /// <summary>The scheduler's step, taken as the system when a scheduled story's time has come.</summary>
    public static readonly StoryStep PublishDue = Publish with { From = [Scheduled], WrongState = "Berita ini tidak terjadwal." };

    /// <summary>
    /// Who may change a story's text in each state. A writer's own story is theirs while it waits to be
    /// read; once an editor has scheduled, published or withdrawn it, only editors touch it.
    /// </summary>
    public static StaffRole EditRole(ArticleStatus status) => status is Draft or Submitted ? StaffRole.Writer : StaffRole.Editor;

    public const string EditRefusal = "Berita yang sudah terjadwal, terbit atau ditarik hanya bisa diubah editor.";

    /// <summary>The newsroom's word for each state.</summary>
    public static string Label(ArticleStatus status) => status switch
    {
        Draft => "Draf",
        Submitted => "Menunggu editor",
        Scheduled => "Terjadwal",
        Published => "Terbit",
        Unpublished => "Ditarik",
        _ => status.ToString(),
    };

    /// <summary>The newsroom's word for each revision kind.</summary>
    public static string RevisionLabel(string kind) => kind switch
    {
        RevisionKinds.Save => "Disimpan",
        RevisionKinds.Submit => "Diajukan",
        RevisionKinds.Return => "Dikembalikan",
        RevisionKinds.Publish => "Diterbitkan",
        RevisionKinds.Schedule => "Dijadwalkan",
        RevisionKinds.Unpublish => "Ditarik",
        RevisionKinds.Conflict => "Bentrok (teks disimpan)",
        RevisionKinds.Autosave => "Simpan otomatis",
        RevisionKinds.Restore => "Dipulihkan",
        RevisionKinds.Syndicate => "Diambil dari situs jaringan",
        _ => kind,
    };
}
