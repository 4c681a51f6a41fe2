using Offload.Jobs.Storage;

namespace Offload.Platform.Users.Import;

/// <summary>
/// What importing an uploaded users CSV would do, computed before anything runs (SPEC §9) by the job's own
/// checks, so on an unchanged database the job then creates <see cref="Creates"/>, updates <see cref="Updates"/>
/// and logs <see cref="ErrorRows"/> error rows. <see cref="Creates"/> + <see cref="Updates"/> + <see cref="ErrorRows"/>
/// = <see cref="Rows"/> − <see cref="BlankRows"/>.
/// </summary>
/// <param name="OwnerId">Who uploaded it: the only one who may see, start or cancel it.</param>
/// <param name="Rows">Data rows in the file, blank lines included: the job's total, as the job counts it.</param>
/// <param name="BlankRows">Blank lines: neither a user nor an error, in the job as here.</param>
/// <param name="ErrorRows">Rows that will become error rows, each once however many of its fields are wrong.</param>
/// <param name="ErrorCount">The error log's lines (one per wrong field): the job's errorCount.</param>
/// <param name="ErrorGroups">The errors by (field, message), biggest first: the groups a job keeps of its errors. A row with two wrong fields is in two groups,
/// so the groups' counts add up to <see cref="ErrorRows"/> or more.</param>
/// <param name="Columns">The header as read (trimmed, lower-cased).</param>
/// <param name="FirstRows">The first data rows as read, passwords masked and long values cut.</param>
public sealed record ImportPreview(Guid Id, long OwnerId, string FileName, bool UpdateExisting, long Rows, long BlankRows,
    long Creates, long Updates, long ErrorRows, long ErrorCount, IReadOnlyList<ErrorGroup> ErrorGroups,
    IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> FirstRows, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
