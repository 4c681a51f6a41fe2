using System.Globalization;
using Offload.Jobs.Audit;
using Offload.Platform.Csv;
using Offload.Web.Auth;
using Offload.Web.Jobs;
using nietras.SeparatedValues;

namespace Offload.Web.Audit;

/// <summary>
/// GET /api/audit (SPEC §10) and its CSV, /api/audit.csv: who did what to which job, newest first. Superadmins only;
/// a Power User or a learner gets 403.
/// </summary>
internal static class AuditApi
{
    /// <summary>Rows read per query while the CSV streams: the download never holds the whole trail.</summary>
    private const int CsvBatch = 500;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", ListAsync).RequireAuthorization(AuthSetup.SuperadminPolicy);
        app.MapGet("/api/audit.csv", CsvAsync).RequireAuthorization(AuthSetup.SuperadminPolicy);
        return app;
    }

    private static async Task<IResult> ListAsync(IAuditTrail audit, string? actor, string? action, int? limit, string? cursor, CancellationToken ct)
    {
        var (query, problem) = AuditQuery.Parse(actor, action);
        if (query is null) return problem!;
        if (limit is < 1 or > JobsApi.MaxLimit)
            return Problems.Result(400, "Limit out of range", "limit must be between 1 and {0}.", "limit", JobsApi.MaxLimit);
        long? before = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                return Problems.Result(400, "Invalid cursor", "Pass back the nextCursor of the previous page unchanged.", "cursor");
            before = parsed;
        }
        var page = await audit.ListAsync(query.Page(limit ?? JobsApi.DefaultLimit, before), ct);
        return TypedResults.Ok(new AuditListDto([.. page.Items.Select(AuditEntryDto.From)], page.Next?.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The same filtered list, every page of it, as CSV streamed row by row; every text cell spreadsheet-safe.</summary>
    private static IResult CsvAsync(IAuditTrail audit, string? actor, string? action)
    {
        var (query, problem) = AuditQuery.Parse(actor, action);
        if (query is null) return problem!;
        return new StreamedCsv("audit.csv", async (body, ct) =>
        {
            await using var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(body, leaveOpen: true);
            long? before = null;
            do
            {
                var page = await audit.ListAsync(query.Page(CsvBatch, before), ct);
                foreach (var e in page.Items)
                {
                    await using var row = writer.NewRow(ct);
                    row["at"].Set(e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                    row["actorId"].Format(e.Actor.Id);
                    row["actor"].Set(SpreadsheetSafe.Cell(e.Actor.Username));
                    row["action"].Set(e.Action);
                    row["jobId"].Set(e.JobId.ToString());
                    row["ownerId"].Format(e.Owner.Id);
                    row["owner"].Set(SpreadsheetSafe.Cell(e.Owner.Username));
                    row["newJobId"].Set(e.NewJobId?.ToString() ?? "");
                }
                await writer.FlushAsync(ct);
                before = page.Next;
            } while (before is not null);
        });
    }
}

/// <param name="NewJobId">The job a retry or an undo started (beyond SPEC §10's fields); null for the other actions.</param>
/// <param name="JobExists">False once the job was deleted or expired; its entries stay.</param>
public sealed record AuditEntryDto(DateTimeOffset At, AuditUser Actor, string Action, Guid JobId, AuditUser Owner, Guid? NewJobId, bool JobExists)
{
    public static AuditEntryDto From(AuditEntry e) => new(e.At, e.Actor, e.Action, e.JobId, e.Owner, e.NewJobId, e.JobExists);
}

public sealed record AuditListDto(IReadOnlyList<AuditEntryDto> Items, string? NextCursor);
