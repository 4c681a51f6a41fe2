using Microsoft.AspNetCore.Mvc;

namespace Offload.Web;

/// <summary>RFC 9457 problem+json with a title a person understands and, where one is at fault, the field.</summary>
internal static class Problems
{
    /// <summary>Problem+json for every error the host itself answers (status code pages, exceptions).</summary>
    public static IServiceCollection AddOffloadProblems(this IServiceCollection services) =>
        services.AddProblemDetails()
            // Development's default throws on a body that does not bind, so malformed JSON became a 500 there:
            // the same 400 in every environment.
            .Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);

    public static IResult Result(int status, string title, string detail, string? field = null) =>
        TypedResults.Problem(Details(status, title, detail, field));

    public static ProblemDetails Details(int status, string title, string detail, string? field)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (field is not null) problem.Extensions["field"] = field;
        return problem;
    }

    /// <summary>For places outside an endpoint (authentication handlers, middleware).</summary>
    public static Task Write(HttpContext context, int status, string title, string detail, string? field)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(Details(status, title, detail, field), (System.Text.Json.JsonSerializerOptions?)null,
            "application/problem+json");
    }
}
