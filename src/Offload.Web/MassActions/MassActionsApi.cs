using Offload.Jobs;
using Offload.Platform;
using Offload.Platform.Identity;
using Offload.Platform.MassActions;
using Offload.Platform.Notifications;
using Offload.Web.Auth;
using Offload.Web.Jobs;
using Offload.Web.PlatformApi;

namespace Offload.Web.MassActions;

/// <summary>/api/mass-actions: each POST creates one background job and answers 202 with it.</summary>
internal static class MassActionsApi
{
    public static IEndpointRouteBuilder MapMassActionsApi(this IEndpointRouteBuilder app)
    {
        var actions = app.MapGroup("/api/mass-actions").RequireAuthorization(AuthSetup.JobsPolicy);
        actions.MapUsersImport();
        actions.MapPost("/enroll", (HttpContext http, UserActions act) =>
            StartAsync<EnrollInput>(http, (i, actor, ct) => act.EnrollAsync(i.Selection?.ToRequest(), i.CourseIds, actor, ct)));
        actions.MapPost("/unenroll", (HttpContext http, UserActions act) =>
            StartAsync<EnrollInput>(http, (i, actor, ct) => act.UnenrollAsync(i.Selection?.ToRequest(), i.CourseIds, actor, ct)));
        actions.MapPost("/users-status", (HttpContext http, UserActions act) =>
            StartAsync<StatusInput>(http, (i, actor, ct) => act.SetStatusAsync(i.Selection?.ToRequest(), i.Active, actor, ct)));
        actions.MapPost("/users-delete", (HttpContext http, UserActions act) =>
            StartAsync<SelectionInput>(http, (i, actor, ct) => act.DeleteAsync(i.Selection?.ToRequest(), actor, ct)));
        actions.MapPost("/users-export", (HttpContext http, UserActions act) =>
            StartAsync<ExportInput>(http, (i, actor, ct) => act.ExportAsync(i.Selection?.ToRequest(), i.Columns, actor, ct)));
        actions.MapMassActionPreviews();
        return app;
    }

    /// <summary>The shape every JSON mass action shares: read the body, start the job, 202 with it — or a 400 naming the field.</summary>
    private static Task<IResult> StartAsync<TInput>(HttpContext http, Func<TInput, Actor, CancellationToken, Task<Job>> start)
        where TInput : class =>
        JsonAction.AnswerAsync<TInput>(http, async (input, actor, ct) => Accepted(http, await start(input, actor, ct)));

    internal static IResult Accepted(HttpContext http, Job job) => TypedResults.Accepted($"/api/jobs/{job.Id}",
        new JobCreatedDto(JobDto.From(job, http.RequestServices.GetRequiredService<JobDescriptions>())));
}
