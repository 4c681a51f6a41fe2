using System.Text.Json;
using Offload.Platform.Enrollments.Enroll;
using Offload.Platform.Enrollments.Unenroll;
using Offload.Platform.Users.Delete;
using Offload.Platform.Users.Export;
using Offload.Platform.Users.Status;

namespace Offload.Platform.Tests;

/// <summary>
/// Jobs queued before an upgrade still run: their rows hold the input as the earlier version froze it (one shape for
/// every action, <c>UserActionInput</c>, with the fields it did not use set to null), and each action's typed input
/// must read it. The JSON below is what that version wrote, byte for byte.
/// </summary>
public sealed class FrozenInputsTests
{
    private const string Actor = """{"id":7,"username":"pa","role":"poweruser","branchIds":[1,2],"isSuperadmin":false}""";

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, JsonDefaults.Options)!;

    [Fact]
    public void An_enroll_or_unenroll_queued_by_the_earlier_version_keeps_its_courses_and_its_actor()
    {
        var json = $$"""{"actor":{{Actor}},"courseIds":[3,4],"active":null,"columns":null}""";
        var enroll = Read<EnrollJobInput>(json);
        Assert.Equal((7L, "pa", "poweruser"), (enroll.Actor.Id, enroll.Actor.Username, enroll.Actor.Role));
        Assert.Equal([1L, 2L], enroll.Actor.BranchIds);
        Assert.Equal([3L, 4L], enroll.CourseIds);
        Assert.Equal([3L, 4L], Read<UnenrollJobInput>(json).CourseIds);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void A_status_change_queued_by_the_earlier_version_keeps_its_direction(string active, bool expected) =>
        Assert.Equal(expected, Read<UsersStatusJobInput>($$"""{"actor":{{Actor}},"courseIds":null,"active":{{active}},"columns":null}""").Active);

    [Fact]
    public void A_delete_and_an_export_queued_by_the_earlier_version_read_back()
    {
        Assert.Equal(7, Read<UsersDeleteJobInput>($$"""{"actor":{{Actor}},"courseIds":null,"active":null,"columns":null}""").Actor.Id);
        var export = Read<UsersExportJobInput>($$"""{"actor":{{Actor}},"courseIds":null,"active":null,"columns":["username","email"]}""");
        Assert.Equal(["username", "email"], export.Columns);
    }

    [Fact]
    public void An_input_missing_what_its_action_needs_is_refused_when_read_not_half_run()
    {
        // The earlier bag let a status job without "active" reach its handler, which threw mid-run.
        Assert.Throws<JsonException>(() => Read<UsersStatusJobInput>($$"""{"actor":{{Actor}}}"""));
        Assert.Throws<JsonException>(() => Read<EnrollJobInput>($$"""{"actor":{{Actor}},"active":null}"""));
    }
}
