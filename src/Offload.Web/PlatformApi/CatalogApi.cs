using Offload.Platform.Branches;
using Offload.Platform.Courses;
using Offload.Platform.Identity;
using Offload.Web.Auth;

namespace Offload.Web.PlatformApi;

/// <summary>/api/branches and /api/courses: Superadmins create; Power Users read (their own branches only).</summary>
internal static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/branches", async (HttpContext http, IBranchStore branches, CancellationToken ct) =>
            TypedResults.Ok(await branches.ListAsync(new ListBranchesRequest(http.User.ToActor().Branches()), ct)))
            .RequireAuthorization(AuthSetup.JobsPolicy);
        app.MapPost("/api/branches", CreateBranchAsync).RequireAuthorization(AuthSetup.SuperadminPolicy);
        app.MapGet("/api/courses", async (ICourseStore courses, CancellationToken ct) =>
            TypedResults.Ok(await courses.ListAsync(new ListCoursesRequest(), ct)))
            .RequireAuthorization(AuthSetup.JobsPolicy);
        app.MapPost("/api/courses", CreateCourseAsync).RequireAuthorization(AuthSetup.SuperadminPolicy);
        return app;
    }

    private static async Task<IResult> CreateBranchAsync(HttpRequest request, IBranchStore branches, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<BranchInput>(request);
        if (problem is not null) return problem;
        var name = input!.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100) return Problems.Result(400, "Check the name", "A branch name has 1 to 100 characters.", "name");
        if (input.ParentId is { } parent && !(await branches.ListAsync(new ListBranchesRequest([parent]), ct)).Any())
            return Problems.Result(400, "Unknown parent branch", "Branch #{0} does not exist.", "parentId", parent);
        var created = await branches.CreateAsync(new CreateBranchRequest(name, input.ParentId), ct);
        return created is null
            ? Problems.Result(409, "The branch name is taken", "A branch is already called '{0}'.", "name", name)
            : TypedResults.Created($"/api/branches/{created.Id}", created);
    }

    private static async Task<IResult> CreateCourseAsync(HttpRequest request, ICourseStore courses, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<CourseInput>(request);
        if (problem is not null) return problem;
        var code = input!.Code?.Trim() ?? "";
        var title = input.Title?.Trim() ?? "";
        if (code.Length is 0 or > 50) return Problems.Result(400, "Check the code", "A course code has 1 to 50 characters.", "code");
        if (title.Length is 0 or > 200) return Problems.Result(400, "Check the title", "A course title has 1 to 200 characters.", "title");
        var created = await courses.CreateAsync(new CreateCourseRequest(code, title), ct);
        return created is null
            ? Problems.Result(409, "The course code is taken", "A course already has the code '{0}'.", "code", code)
            : TypedResults.Created($"/api/courses/{created.Id}", created);
    }
}
