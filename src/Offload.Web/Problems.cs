using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Offload.Platform.Localization;

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

    /// <summary>The title and detail are read by people: they are worded in the request's language when written (field and status never change).</summary>
    public static IResult Result(int status, string title, string detail, string? field = null) =>
        new LocalizedProblem(status, title, detail, field);

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
        var t = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        return context.Response.WriteAsJsonAsync(Details(status, t[title], t[detail], field), (System.Text.Json.JsonSerializerOptions?)null,
            "application/problem+json");
    }

    /// <summary>
    /// Looks the English title and detail up when the answer is written, where the request's culture is known. A detail
    /// built with values in it (an id, a name) has no entry and stays English.
    /// </summary>
    private sealed class LocalizedProblem(int status, string title, string detail, string? field) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var t = httpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            return TypedResults.Problem(Details(status, t[title], t[detail], field)).ExecuteAsync(httpContext);
        }
    }
}
