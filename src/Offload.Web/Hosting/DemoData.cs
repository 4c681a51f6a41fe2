using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Offload.Jobs;
using Offload.Platform.Branches;
using Offload.Platform.Courses;
using Offload.Platform.Identity;
using Offload.Platform.Users;

namespace Offload.Web.Hosting;

/// <summary>
/// --demo: a small organisation to try the mass actions on — branches, courses, about 2,000 learners,
/// a Power User with one branch, a learner who can sign in — and sample CSVs under {DataPath}/samples.
/// Seeds once; later starts with --demo leave the data alone.
/// </summary>
internal sealed class DemoData(IBranchStore branches, ICourseStore courses, IUserStore users, IPasswordHasher hasher,
    TimeProvider clock, IOptions<JobsOptions> jobs)
{
    public const string PowerUser = "paris.manager";
    public const string Learner = "learner";
    public const string DemoPassword = "demo-password";
    private static readonly string[] FirstNames = ["Camille", "Lucas", "Léa", "Hugo", "Chloé", "Louis", "Emma", "Jules", "Inès", "Noah", "Alice", "Tom"];
    private static readonly string[] LastNames = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"];

    public async Task SeedAsync(TextWriter console, CancellationToken ct)
    {
        await WriteSamplesAsync(console);
        if (await users.FindByUsernameAsync(new FindUserRequest(PowerUser), ct) is not null) return;
        var europe = await branches.CreateAsync(new CreateBranchRequest("Europe", null), ct);
        var cities = new List<Branch>();
        foreach (var (name, parent) in new[] { ("Paris", europe?.Id), ("Lyon", europe?.Id), ("Brussels", europe?.Id), ("Montréal", null) })
            if (await branches.CreateAsync(new CreateBranchRequest(name, parent), ct) is { } b) cities.Add(b);
        foreach (var (code, title) in new[]
        {
            ("SAFETY-101", "Workplace safety"), ("GDPR-201", "Data protection essentials"), ("ONBOARD-001", "Welcome aboard"),
            ("EXCEL-110", "Spreadsheets for everyone"), ("LEAD-300", "Leading a team"), ("FR-B1", "Français professionnel B1"),
        })
            await courses.CreateAsync(new CreateCourseRequest(code, title), ct);

        var now = clock.GetUtcNow();
        await CreateAsync(PowerUser, Roles.PowerUser, [cities[0].Id], DemoPassword, "fr", now, ct);
        await CreateAsync(Learner, Roles.User, [cities[0].Id], DemoPassword, "en", now, ct);
        for (var i = 1; i <= 2000; i++)
        {
            var first = FirstNames[i % FirstNames.Length];
            var last = LastNames[i / FirstNames.Length % LastNames.Length];
            await users.CreateAsync(new CreateUserRequest(new User
            {
                Id = 0,
                Username = string.Create(CultureInfo.InvariantCulture, $"learner{i:0000}"),
                Email = string.Create(CultureInfo.InvariantCulture, $"learner{i:0000}@example.com"),
                FirstName = first,
                LastName = last,
                Language = i % 3 == 0 ? "fr" : "en",
                Active = i % 10 != 0,
                Role = Roles.User,
                BranchIds = [cities[i % cities.Count].Id],
            }, now), ct);
        }
        await console.WriteLineAsync($"Demo data: 2,000 learners in {cities.Count} branches, 6 courses; " +
                                     $"Power User '{PowerUser}' (Paris) and learner '{Learner}', both with password '{DemoPassword}'.");
    }

    private Task CreateAsync(string username, string role, IReadOnlyList<long> branchIds, string password, string language,
        DateTimeOffset now, CancellationToken ct) =>
        users.CreateAsync(new CreateUserRequest(new User
        {
            Id = 0, Username = username, Email = $"{username}@example.com", FirstName = username.Split('.')[0], Language = language,
            Role = role, BranchIds = branchIds, PasswordHash = hasher.Hash(password),
        }, now), ct);

    private async Task WriteSamplesAsync(TextWriter console)
    {
        var folder = Path.Combine(jobs.Value.DataPath, "samples");
        Directory.CreateDirectory(folder);
        var good = new StringBuilder("username,email,firstname,lastname,language,active,branch\n");
        for (var i = 1; i <= 1000; i++)
            good.Append(CultureInfo.InvariantCulture, $"new{i:0000},new{i:0000}@example.com,Demo,User {i},{(i % 3 == 0 ? "fr" : "en")},yes,{(i % 2 == 0 ? "Paris" : "Lyon")}\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "users-1000.csv"), good.ToString());
        await File.WriteAllTextAsync(Path.Combine(folder, "users-with-errors.csv"), """
            username;email;firstname;lastname;language;branch
            marie.curie;marie@example.com;Marie;Curie;fr;Paris
            bad email;not-an-email;Bad;Row;en;Paris
            marie.curie;again@example.com;Marie;Again;fr;Paris
            ada;ada@example.com;Ada;Lovelace;de;Lyon
            zoe;zoe@example.com;Zoé;Nowhere;fr;Atlantis
            =cmd;formula@example.com;=1+1;x;en;Paris

            """);
        await console.WriteLineAsync($"Demo samples written to {Path.GetFullPath(folder)}");
    }
}
