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

    /// <summary>
    /// The title and detail are read by people: they are worded in the request's language when written (field and status
    /// never change). A detail with values in it is a format (<c>{0}</c>) and its <paramref name="args"/>, so the words are
    /// looked up alone and the values put in with the reader's number format.
    /// </summary>
    public static IResult Result(int status, string title, string detail, string? field = null, params object[] args) =>
        new LocalizedProblem(status, title, detail, field, args);

    /// <summary>The answer to a mass action refused before its job existed.</summary>
    public static IResult From(Platform.RequestRejectedException e) => Result(e.Status, e.Title, e.Detail, e.Field, [.. e.DetailArgs]);

    public static ProblemDetails Details(int status, string title, string detail, string? field)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (field is not null) problem.Extensions["field"] = field;
        return problem;
    }

    /// <summary>For places outside an endpoint (authentication handlers, middleware).</summary>
    public static Task Write(HttpContext context, int status, string title, string detail, string? field, params object[] args)
    {
        context.Response.StatusCode = status;
        var t = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        return context.Response.WriteAsJsonAsync(Details(status, t[title], Word(t, detail, args), field), (System.Text.Json.JsonSerializerOptions?)null,
            "application/problem+json");
    }

    /// <summary>
    /// Formats only a detail that has values: the others are plain text that may hold braces (a JSON example, a parser's
    /// message), which a format would choke on.
    /// </summary>
    private static string Word(IStringLocalizer t, string detail, object[] args) => args.Length == 0 ? t[detail] : t[detail, args];

    /// <summary>A refusal's detail in the request's language, for a page that shows it rather than answering JSON.</summary>
    public static string Detail(IStringLocalizer t, Offload.Platform.RequestRejectedException e) => Word(t, e.Detail, [.. e.DetailArgs]);

    /// <summary>
    /// Looks the English title and detail up when the answer is written, where the request's culture is known.
    /// </summary>
    private sealed class LocalizedProblem(int status, string title, string detail, string? field, object[] args) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var t = httpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            return TypedResults.Problem(Details(status, t[title], Word(t, detail, args), field)).ExecuteAsync(httpContext);
        }
    }
}
