using Microsoft.AspNetCore.Http.HttpResults;
using Warta.Publishing;

namespace Warta.Live;

/// <summary>
/// What a live desk step did: the report, the entry it made or changed, and the event number readers'
/// pages use to put events in order (<see cref="LiveEvent.Sequence"/>).
/// </summary>
public sealed record LiveResult(StepOutcome Outcome, int ReportId = 0, int? EntryId = null, long Sequence = 0, string? Message = null)
{
    public bool Succeeded => Outcome == StepOutcome.Ok;

    public int HttpStatus => Outcome.HttpStatus();

    /// <summary>A refused step as the API answers it: problem details with the reason, in Indonesian.</summary>
    public ProblemHttpResult ToProblem() => TypedResults.Problem(Message, statusCode: HttpStatus);
}
