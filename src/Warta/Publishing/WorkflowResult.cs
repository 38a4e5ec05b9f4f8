namespace Warta.Publishing;

/// <summary>Why a step was refused; <see cref="Forbidden"/> when the role, not the state, is wrong.</summary>
public sealed record Refusal(string Message, bool Forbidden = false)
{
    public static readonly Refusal EditorsOnly = new("Langkah ini hanya untuk editor.", Forbidden: true);

    public static implicit operator Refusal(string message) => new(message);
}

/// <summary>How a step of the story workflow or the live desk ended.</summary>
public enum StepOutcome
{
    Ok,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

public static class StepOutcomes
{
    /// <summary>The HTTP status a page or script answer carries for this outcome.</summary>
    public static int HttpStatus(this StepOutcome outcome) => outcome switch
    {
        StepOutcome.Ok => StatusCodes.Status200OK,
        StepOutcome.NotFound => StatusCodes.Status404NotFound,
        StepOutcome.Forbidden => StatusCodes.Status403Forbidden,
        StepOutcome.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };
}

/// <summary>
/// The result of a workflow step. A conflict carries the version now stored, and the text that lost
/// the race is kept as a revision, so nothing typed is lost.
/// </summary>
public sealed record WorkflowResult(StepOutcome Outcome, int ArticleId = 0, int Version = 0, string? Message = null)
{
    public bool Succeeded => Outcome == StepOutcome.Ok;

    public int HttpStatus => Outcome.HttpStatus();
}
