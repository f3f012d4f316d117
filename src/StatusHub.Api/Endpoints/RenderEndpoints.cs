using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using StatusHub.Api.Http;
using StatusHub.Core.Errors;
using StatusHub.Core.Rendering;

namespace StatusHub.Api.Endpoints;

/// <summary>Render now (admin): the same incremental job the timer runs.</summary>
public static class RenderEndpoints
{
    public static RouteGroupBuilder MapRender(this RouteGroupBuilder api)
    {
        api.MapPost("/render", Render).WithName(nameof(Render)).Contract(AccessRule.Admin, Answers.None, "Render the site now");
        return api;
    }

    public static Task<ApiResult<Ok<RenderResult>>> Render(HttpRequest request) => ApiCall.Typed(request, Access.Admin(), async api =>
    {
        try
        {
            var result = await api.Get<RenderJob>().RunNowAsync(api.Aborted);
            return TypedResults.Ok(result);
        }
        catch (RenderBusyException busy)
        {
            throw new ApiProblemException(503, "Render in progress",
                "Another instance is rendering the site and did not finish in time; your changes are queued: retry after the given time.", busy.RetryAfter);
        }
    });
}
