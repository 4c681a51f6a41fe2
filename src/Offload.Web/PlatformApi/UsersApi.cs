using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Offload.Platform.Branches;
using Offload.Platform.Enrollments;
using Offload.Platform.Identity;
using Offload.Platform.Users;
using Offload.Web.Auth;

namespace Offload.Web.PlatformApi;

/// <summary>/api/users: Superadmins manage everyone; Power Users read the users of their branches; others 403.</summary>
internal static class UsersApi
{
    public const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/users").RequireAuthorization(AuthSetup.JobsPolicy);
        read.MapGet("", ListAsync);
        read.MapGet("/{id:long}", GetAsync);
        read.MapGet("/{id:long}/enrollments", EnrollmentsAsync);
        var write = app.MapGroup("/api/users").RequireAuthorization(AuthSetup.SuperadminPolicy);
        write.MapPost("", CreateAsync);
        write.MapPut("/{id:long}", UpdateAsync);
        write.MapDelete("/{id:long}", DeleteAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IUserStore users, long? branchId, bool? active, string? text,
        long? courseId, int? limit, string? cursor, CancellationToken ct)
    {
        if (limit is < 1 or > MaxLimit)
            return Problems.Result(400, "Limit out of range", "limit must be between 1 and {0}.", "limit", MaxLimit);
        long? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                return Problems.Result(400, "Invalid cursor", "Pass back the nextCursor of the previous page unchanged.", "cursor");
            after = parsed;
        }
        var take = limit ?? 100;
        var page = await users.ListAsync(new ListUsersRequest(new UserFilter(branchId, active, text, courseId),
            http.User.ToActor().Branches(), take + 1, after), ct);
        var items = page.Take(take).Select(UserDto.From).ToList();
        return TypedResults.Ok(new UserListDto(items, page.Count > take ? items[^1].Id.ToString(CultureInfo.InvariantCulture) : null));
    }

    /// <summary>A user outside a Power User's branches answers 404, like one that does not exist.</summary>
    private static async Task<User?> FindVisibleAsync(HttpContext http, IUserStore users, long id, CancellationToken ct)
    {
        var user = await users.GetAsync(new GetUserRequest(id), ct);
        var actor = http.User.ToActor();
        return user is not null && (actor.IsSuperadmin || user.BranchIds.Intersect(actor.BranchIds).Any()) ? user : null;
    }

    private static async Task<Results<Ok<UserDto>, NotFound>> GetAsync(long id, HttpContext http, IUserStore users, CancellationToken ct) =>
        await FindVisibleAsync(http, users, id, ct) is { } user ? TypedResults.Ok(UserDto.From(user)) : TypedResults.NotFound();

    private static async Task<IResult> EnrollmentsAsync(long id, HttpContext http, IUserStore users, IEnrollmentStore enrollments,
        CancellationToken ct)
    {
        if (await FindVisibleAsync(http, users, id, ct) is null) return TypedResults.NotFound();
        return TypedResults.Ok(await enrollments.ListForUserAsync(new ListEnrollmentsRequest(id), ct));
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, IUserStore users, IBranchStore branches, IPasswordHasher hasher,
        TimeProvider clock, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<UserBody>(request);
        if (problem is not null) return problem;
        if ((UserBodyRules.Check(input!) ?? await UserBodyRules.CheckBranchesAsync(input!, branches, ct)) is { } invalid)
            return invalid;
        var user = UserBodyRules.ToUser(input!, 0, hasher);
        var id = await users.CreateAsync(new CreateUserRequest(user, clock.GetUtcNow()), ct);
        if (id is null) return Problems.Result(409, "The username is taken", "Another account is already called '{0}'.", "username", user.Username);
        var created = await users.GetAsync(new GetUserRequest(id.Value), ct);
        return TypedResults.Created($"/api/users/{id}", UserDto.From(created!));
    }

    private static async Task<IResult> UpdateAsync(long id, HttpContext http, IUserStore users, IBranchStore branches, IPasswordHasher hasher,
        AccountChanges changes, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<UserBody>(http.Request);
        if (problem is not null) return problem;
        if ((UserBodyRules.Check(input!) ?? await UserBodyRules.CheckBranchesAsync(input!, branches, ct)) is { } invalid)
            return invalid;
        var existing = await users.GetAsync(new GetUserRequest(id), ct);
        if (existing is null) return TypedResults.NotFound();
        var user = UserBodyRules.ToUser(input!, id, hasher);
        // The last Superadmin is kept by the store, in the same step as the write: a check here could race.
        if (id == http.User.ToActor().Id && !user.Active)
            return Problems.Result(409, "You cannot deactivate your own account", "Ask another Superadmin.", "active");
        var written = await users.UpdateAsync(new UpdateUserRequest(user), ct);
        if (written == UserWriteResult.Written) changes.Changed(id);
        return written switch
        {
            UserWriteResult.Written => TypedResults.Ok(UserDto.From((await users.GetAsync(new GetUserRequest(id), ct))!)),
            UserWriteResult.UsernameTaken => Problems.Result(409, "The username is taken", "Another account is already called '{0}'.", "username", user.Username),
            UserWriteResult.LastSuperadmin => Problems.Result(409, "The last Superadmin must stay one", "Make someone else Superadmin first.", "role"),
            _ => TypedResults.NotFound(),
        };
    }

    private static async Task<IResult> DeleteAsync(long id, HttpContext http, IUserStore users, AccountChanges changes, CancellationToken ct)
    {
        var existing = await users.GetAsync(new GetUserRequest(id), ct);
        if (existing is null) return TypedResults.NotFound();
        if (id == http.User.ToActor().Id)
            return Problems.Result(409, "You cannot delete your own account", "Ask another Superadmin.", "id");
        var deleted = await users.DeleteAsync(new DeleteUserRequest(id), ct);
        if (deleted == UserWriteResult.Written) changes.Changed(id);
        return deleted switch
        {
            UserWriteResult.Written => TypedResults.NoContent(),
            UserWriteResult.LastSuperadmin => Problems.Result(409, "The last Superadmin cannot be deleted", "Make someone else Superadmin first.", "id"),
            _ => TypedResults.NotFound(),
        };
    }
}
