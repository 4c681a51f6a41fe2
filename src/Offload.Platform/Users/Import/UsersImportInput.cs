using Offload.Platform.Identity;

namespace Offload.Platform.Users.Import;

/// <summary>The frozen input of a users.import job (stored as JSON on the job row).</summary>
/// <param name="FileName">The name the admin uploaded, for descriptions only.</param>
/// <param name="Actor">Who asked, frozen: the job acts with the authority its owner had then.</param>
public sealed record UsersImportInput(string FileName, bool UpdateExisting, Actor Actor)
{
    /// <summary>The upload inside the job's folder.</summary>
    public const string UploadFile = "input.csv";

    /// <summary>Rows whose username already appeared earlier in the file.</summary>
    public const string DuplicatesFile = "duplicates.bin";
}
