using Offload.Jobs;

namespace Offload.Platform.MassActions;

/// <summary>
/// The error-rate stop a person or a script asks for (SPEC §10), checked the same way for the API and the screens.
/// Imports run under <see cref="ImportDefault"/> unless told otherwise (a file whose first thousand rows mostly fail is
/// the wrong file); the other mass actions under none, since their items fail one by one for reasons of their own (a
/// user outside one's branches, one deleted meanwhile) and stopping half-way would leave the selection half done.
/// </summary>
public static class ErrorRateStop
{
    public static readonly StopOnErrors ImportDefault = new(50, 1000);

    /// <summary>The rule with both numbers in range, or a 400 naming the one at fault.</summary>
    /// <param name="percent">1–100 (100 never stops).</param>
    /// <param name="after">At least 1.</param>
    public static StopOnErrors Check(long? percent, long? after)
    {
        if (percent is not (>= 1 and <= 100))
            throw new RequestRejectedException("The error-rate stop's percentage is out of range",
                "Give a whole number of percent from 1 to 100.", "stopOnErrors.percent");
        if (after is not >= 1)
            throw new RequestRejectedException("The error-rate stop's item count is out of range",
                "Give how many items to process before judging, a whole number of at least 1.", "stopOnErrors.after");
        return new StopOnErrors((int)percent.Value, after.Value);
    }
}
