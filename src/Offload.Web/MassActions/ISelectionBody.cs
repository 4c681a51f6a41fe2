namespace Offload.Web.MassActions;

/// <summary>A JSON mass action's body, read as sent (fields may be missing) and handed on as the action's typed input, which checks it.</summary>
internal interface ISelectionBody<out TInput>
{
    TInput ToInput();

    /// <summary>The error-rate stop asked for, if any (none by default for an action on a selection).</summary>
    StopOnErrorsDto? StopOnErrors { get; }
}
