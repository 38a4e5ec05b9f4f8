using Microsoft.AspNetCore.Http.HttpResults;

namespace Warta.Live;

public enum LiveOutcome
{
    Ok,
    NotFound,
    Forbidden,
    Invalid,
}

/// <summary>
/// What a live desk step did: the report, the entry it made or changed, and the event number readers'
/// pages use to put events in order (<see cref="LiveEvent.Sequence"/>).
/// </summary>
public sealed record LiveResult(LiveOutcome Outcome, int ReportId = 0, int? EntryId = null, long Sequence = 0, string? Message = null)
{
    public bool Succeeded => Outcome == LiveOutcome.Ok;

    public int HttpStatus => Outcome switch
    {
        LiveOutcome.Ok => StatusCodes.Status200OK,
        LiveOutcome.NotFound => StatusCodes.Status404NotFound,
        LiveOutcome.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>A refused step as the API answers it: problem details with the reason, in Indonesian.</summary>
    public ProblemHttpResult ToProblem() => TypedResults.Problem(Message, statusCode: HttpStatus);
}
