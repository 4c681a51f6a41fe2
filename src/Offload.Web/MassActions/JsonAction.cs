using Offload.Platform;
using Offload.Platform.Identity;
using Offload.Web.Auth;
using Offload.Web.PlatformApi;

namespace Offload.Web.MassActions;

/// <summary>What every JSON mass-action endpoint shares, a start or a preview: read the body, act as the signed-in user, or a 400 naming the field.</summary>
internal static class JsonAction
{
    public static async Task<IResult> AnswerAsync<TInput>(HttpContext http, Func<TInput, Actor, CancellationToken, Task<IResult>> act)
        where TInput : class
    {
        var (input, problem) = await JsonBody.ReadAsync<TInput>(http.Request);
        if (problem is not null) return problem;
        try
        {
            return await act(input!, http.User.ToActor(), http.RequestAborted);
        }
        catch (RequestRejectedException e)
        {
            return Problems.From(e);
        }
    }
}
