namespace Warta.Publishing;

/// <summary>Why a step was refused; <see cref="Forbidden"/> when the role, not the state, is wrong.</summary>
public sealed record Refusal(string Message, bool Forbidden = false)
{
    public static readonly Refusal EditorsOnly = new("Langkah ini hanya untuk editor.", Forbidden: true);

    public static implicit operator Refusal(string message) => new(message);
}

public enum WorkflowOutcome
{
    Ok,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

/// <summary>
/// The result of a workflow step. A conflict carries the version now stored, and the text that lost
/// the race is kept as a revision, so nothing typed is lost.
/// </summary>
public sealed record WorkflowResult(WorkflowOutcome Outcome, int ArticleId = 0, int Version = 0, string? Message = null)
{
    public bool Succeeded => Outcome == WorkflowOutcome.Ok;

    /// <summary>The HTTP status a page or script answer carries for this outcome.</summary>
    public int HttpStatus => Outcome switch
    {
        WorkflowOutcome.Ok => StatusCodes.Status200OK,
        WorkflowOutcome.NotFound => StatusCodes.Status404NotFound,
        WorkflowOutcome.Forbidden => StatusCodes.Status403Forbidden,
        WorkflowOutcome.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };
}
