namespace Offload.Jobs;

/// <summary>
/// What a failed job's page, notification and mail say about the fault. Exception messages go to the log
/// only: they carry server paths, SQL and internal names that mean nothing to an admin and tell an attacker
/// about the host. Each sentence is a key of the French resources: the reader's page and the owner's mail
/// show it in their language (<c>JobDescriptions.FailureReasonOf</c>).
/// </summary>
public static class FailureReasons
{
    public static string For(Exception fault) => fault switch
    {
        FileNotFoundException or DirectoryNotFoundException =>
            "The job's input file is missing from the server's data folder.",
        UnauthorizedAccessException =>
            "The server may not read or write the job's files (permissions of its data folder).",
        InvalidDataException =>
            "The job's saved input could not be read.",
        _ => "An unexpected error stopped the job, even after retries; the server log has the details.",
    };
}
