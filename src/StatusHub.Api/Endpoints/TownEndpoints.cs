using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using StatusHub.Api.Http;
using StatusHub.Core.Documents;
using StatusHub.Core.Domain;
using StatusHub.Core.Storage;
using StatusHub.Core.Validation;

namespace StatusHub.Api.Endpoints;

/// <summary>Towns: create or update (admin), list and read the town document (public).</summary>
public static class TownEndpoints
{
    /// <summary>On a 200 of <c>PUT /api/v1/towns/{town}</c> whose profile equals the stored one, which was therefore not written.</summary>
    public const string UnchangedHeader = "X-StatusHub-Unchanged";

    public static RouteGroupBuilder MapTowns(this RouteGroupBuilder api)
    {
        api.MapPut("/towns/{town}", PutTown).WithName(nameof(PutTown))
            .Contract(AccessRule.Admin, Answers.Body | Answers.IfMatch | Answers.Unchanged, "Create or update a town").Accepts<TownRequest>("application/json");
        api.MapGet("/towns", ListTowns).WithName(nameof(ListTowns)).Contract(AccessRule.Public, Answers.None, "List the towns");
        api.MapGet("/towns/{town}", GetTown).WithName(nameof(GetTown)).Contract(AccessRule.Public, Answers.ETag, "Read a town's document");
        return api;
    }

    public static Task<ApiResult<Results<Ok<TownProfile>, Created<TownProfile>>>> PutTown(HttpRequest request, string town) =>
        ApiCall.Typed<Results<Ok<TownProfile>, Created<TownProfile>>>(request, Access.Admin(("town", town)), async api =>
    {
        var (body, _) = await api.ReadJsonAsync<TownRequest>();
        var profile = Validator.Town(town, body);
        var written = await api.Get<TownRepository>().PutTownAsync(profile, api.WriteContext(), api.Aborted);
        api.SetETag(written.ETag);
        if (written.Value.Unchanged)
        {
            // Nothing was written (no new ETag, no audit row, no render): the client may say so (statushub towns import).
            api.Request.HttpContext.Response.Headers[UnchangedHeader] = "true";
            return TypedResults.Ok(written.Value.Profile);
        }

        api.Get<TownListCache>().Invalidate();
        return written.Value.Created ? TypedResults.Created($"{StatusHubApi.BasePath}/towns/{town}", written.Value.Profile) : TypedResults.Ok(written.Value.Profile);
    });

    public static Task<ApiResult<Ok<TownListResponse>>> ListTowns(HttpRequest request) => ApiCall.Typed(request, Access.Public(), async api =>
    {
        var towns = await api.Get<TownListCache>().GetAsync(api.Aborted);
        return TypedResults.Ok(new TownListResponse(towns));
    });

    public static Task<ApiResult<Ok<TownDocument>>> GetTown(HttpRequest request, string town) => ApiCall.Typed(request, Access.Public(("town", town)), async api =>
    {
        var (document, etag) = await api.Get<TownDocuments>().GetAsync(town, api.Aborted)
            ?? throw ApiContext.NotFound($"There is no town '{town}'.");
        api.SetETag(etag);
        return TypedResults.Ok(document);
    });
}

/// <summary>Body of <c>GET /api/v1/towns</c>.</summary>
public sealed record TownListResponse(IReadOnlyList<TownListItem> Towns);
