namespace Offload.Platform.MassActions.Undo;

/// <summary>The kinds of change the selection actions record (a record's <c>change_kind</c>), each with its reverter.</summary>
public static class ChangeKinds
{
    public const string EnrollmentCreated = "enrollment.created";
    public const string EnrollmentRemoved = "enrollment.removed";
    public const string UserActivated = "user.activated";
    public const string UserDeactivated = "user.deactivated";
}
