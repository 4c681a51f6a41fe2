using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Csv;
using Offload.Platform.Localization;
using Offload.Platform.Notifications;
using Offload.Web.Audit;
using Offload.Web.Auth;
using nietras.SeparatedValues;

namespace Offload.Web.Jobs;

/// <summary>/api/jobs: list, live events, read, abort, delete, error log.</summary>
internal static class JobsApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>What the jobs endpoints share: one read of a changed job for every open event stream, the streams' bounds.</summary>
    public static IServiceCollection AddJobsApi(this IServiceCollection services)
    {
        services.AddOptions<EventStreamOptions>().BindConfiguration("Offload:Events")
            .Validate(o => o.MaxStreamLifetime > TimeSpan.Zero && o.RecheckInterval > TimeSpan.Zero && o.MaxStreamsPerUser > 0,
                "Offload:Events:MaxStreamLifetime and RecheckInterval must be positive durations, MaxStreamsPerUser at least 1.")
            .ValidateOnStart();
        return services.AddSingleton<RecentJobReads>().AddSingleton<JobEtas>().AddSingleton<JobFactsReader>().AddSingleton<StreamSlots>()
            .AddSingleton<JobKinds>();
    }

    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/jobs").RequireAuthorization(AuthSetup.JobsPolicy);
        jobs.MapGet("", JobListEndpoint.GetAsync);
        jobs.MapGet("/events", JobEventStream.For);
        jobs.MapGet("/{id}", GetAsync);
        jobs.MapPost("/{id}/abort", AbortAsync);
        jobs.MapDelete("/{id}", DeleteAsync);
        jobs.MapGet("/{id}/errors.csv", ErrorsAsync);
        jobs.MapGet("/{id}/result", ResultAsync);
        jobs.MapGet("/{id}/error-groups", ErrorGroupsEndpoint.GetAsync);
        jobs.MapPost("/{id}/undo", UndoEndpoint.PostAsync);
        jobs.MapFailedRows().MapRetry();
        jobs.MapPauseResume();
        app.MapAuditApi();
        return app;
    }

    /// <summary>The job with its detail: elapsed time, ETA, queue position, errors by reason.</summary>
    private static async Task<Results<Ok<JobDto>, NotFound>> GetAsync(string id, HttpContext http, IJobMonitor monitor,
        JobFactsReader facts, JobDescriptions descriptions, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        await monitor.FindVisibleAsync(http.User.ToActor(), id, ct) is { } job
            ? TypedResults.Ok(JobDto.From(await facts.ReadAsync(job, ct), descriptions, t))
            : TypedResults.NotFound();

    private static async Task<IResult> AbortAsync(string id, HttpContext http, IJobMonitor monitor, JobControl control,
        JobDescriptions descriptions, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        if (await monitor.FindVisibleAsync(actor, id, ct) is not { } job) return TypedResults.NotFound();
        var outcome = await control.AbortAsync(job.Id, actor.AsAuditUser(), ct);
        return outcome.Result switch
        {
            AbortResult.Aborted or AbortResult.Aborting => TypedResults.Accepted($"/api/jobs/{job.Id}", JobDto.From(outcome.Job!, descriptions)),
            AbortResult.AlreadyFinished => Problems.Result(409, "The job has already finished",
                "It ended as {0}; there is nothing left to abort.", "id", outcome.Job!.Status.ToName()),
            _ => TypedResults.NotFound(),
        };
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, IJobMonitor monitor, JobControl control, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        if (await monitor.FindVisibleAsync(actor, id, ct) is not { } job) return TypedResults.NotFound();
        return await control.DeleteAsync(job, actor.AsAuditUser(), ct) switch
        {
            DeleteOutcome.Deleted => TypedResults.NoContent(),
            DeleteOutcome.NotFinished => Problems.Result(409, "The job is still running",
                "Abort it first; a job can be deleted once it has finished.", "id"),
            _ => TypedResults.NotFound(),
        };
    }

    private static async Task<IResult> ErrorsAsync(string id, HttpContext http, IJobMonitor monitor, CancellationToken ct)
    {
        if (await monitor.FindVisibleAsync(http.User.ToActor(), id, ct) is not { } job) return TypedResults.NotFound();
        return new StreamedCsv($"errors-{job.Id:N}.csv", async (body, token) =>
        {
            await using var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(body, leaveOpen: true);
            // Sep writes the header (row,field,message,value) from the first row's column names.
            await foreach (var e in monitor.ReadErrorsAsync(new ReadErrorsRequest(job.Id), token))
            {
                await using var row = writer.NewRow(token);
                row["row"].Format(e.Row);
                row["field"].Set(SpreadsheetSafe.Cell(e.Field));
                row["message"].Set(SpreadsheetSafe.Cell(e.Message));
                row["value"].Set(SpreadsheetSafe.Cell(e.Value));
            }
            await writer.FlushAsync(token);
        });
    }

    private static async Task<IResult> ResultAsync(string id, HttpContext http, IJobMonitor monitor, JobFiles files, CancellationToken ct)
    {
        if (await monitor.FindVisibleAsync(http.User.ToActor(), id, ct) is not { } job) return TypedResults.NotFound();
        // The file the committed checkpoint names: never one a worker that lost its lease went on writing.
        if (files.ResultFile(job) is not { } path)
            return Problems.Result(404, "This job has no result file", "Only exports produce a file to download.", "id");
        // Cells were made spreadsheet-safe when written; the name is ours, built from the job id.
        return TypedResults.PhysicalFile(path, "text/csv; charset=utf-8", $"export-{job.Id:N}.csv");
    }
}
