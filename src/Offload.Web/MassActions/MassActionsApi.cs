using Offload.Jobs;
using Offload.Platform.Enrollments.Enroll;
using Offload.Platform.Enrollments.Unenroll;
using Offload.Platform.Notifications;
using Offload.Platform.Users.Delete;
using Offload.Platform.Users.Export;
using Offload.Platform.Users.Status;
using Offload.Web.Auth;
using Offload.Web.Jobs;

namespace Offload.Web.MassActions;

/// <summary>/api/mass-actions: each POST creates one background job and answers 202 with it; one line per action.</summary>
internal static class MassActionsApi
{
    public static IEndpointRouteBuilder MapMassActionsApi(this IEndpointRouteBuilder app)
    {
        var actions = app.MapGroup("/api/mass-actions").RequireAuthorization(AuthSetup.JobsPolicy);
        actions.MapUsersImport();
        actions.MapSelectionAction<EnrollBody, EnrollInput>("/enroll");
        actions.MapSelectionAction<UnenrollBody, UnenrollInput>("/unenroll");
        actions.MapSelectionAction<UsersStatusBody, UsersStatusInput>("/users-status");
        actions.MapSelectionAction<UsersDeleteBody, UsersDeleteInput>("/users-delete");
        actions.MapSelectionAction<UsersExportBody, UsersExportInput>("/users-export");
        return app;
    }

    internal static IResult Accepted(HttpContext http, Job job) => TypedResults.Accepted($"/api/jobs/{job.Id}",
        new JobCreatedDto(JobDto.From(job, http.RequestServices.GetRequiredService<JobDescriptions>())));
}
