using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using StatusHub.Api.Http;
using StatusHub.Core.Aid;
using StatusHub.Core.Documents;
using StatusHub.Core.Storage;
using StatusHub.Core.Validation;

namespace StatusHub.Api.Endpoints;

/// <summary>
/// Regions: name one (admin), list them with their town counts (public), and the combined regional feed with internal
/// detail (a region key of that region, or admin).
/// </summary>
public static class RegionEndpoints
{
    public static RouteGroupBuilder MapRegions(this RouteGroupBuilder api)
    {
        api.MapPut("/regions/{region}", PutRegion).WithName(nameof(PutRegion))
            .Contract(AccessRule.Admin, Answers.Body | Answers.IfMatch, "Name a region").Accepts<RegionRequest>("application/json");
        api.MapGet("/regions", ListRegions).WithName(nameof(ListRegions)).Contract(AccessRule.Public, Answers.None, "List the regions");
        api.MapGet("/regions/{region}/feed", GetRegionFeed).WithName(nameof(GetRegionFeed))
            .Contract(AccessRule.RegionReader, Answers.NotFound, "The region's feed for its agency, with internal fields");
        return api;
    }

    public static Task<ApiResult<Results<Ok<RegionResponse>, Created<RegionResponse>>>> PutRegion(HttpRequest request, string region) =>
        ApiCall.Typed<Results<Ok<RegionResponse>, Created<RegionResponse>>>(request, Access.Admin(("region", region)), async api =>
    {
        var (body, _) = await api.ReadJsonAsync<RegionRequest>();
        var profile = Validator.Region(region, body);
        var written = await api.Get<RegionRepository>().PutAsync(profile, api.WriteContext(), api.Aborted);
        var (stored, created) = written.Value;
        var response = new RegionResponse(stored.Slug, stored.Name);
        api.SetETag(written.ETag);
        return created ? TypedResults.Created($"{StatusHubApi.BasePath}/regions/{region}", response) : TypedResults.Ok(response);
    });

    /// <summary>Every region a town names or an admin named, by slug, with its display name (the language map) and how many towns it has.</summary>
    public static Task<ApiResult<Ok<RegionListResponse>>> ListRegions(HttpRequest request) => ApiCall.Typed(request, Access.Public(), async api =>
    {
        var regions = await api.Get<RegionDocuments>().ListAsync(api.Aborted);
        return TypedResults.Ok(new RegionListResponse(regions.Select(r => new RegionListItem(r.Slug, r.Name, r.Towns)).ToList()));
    });

    public static Task<ApiResult<Ok<InternalRegionFeed>>> GetRegionFeed(HttpRequest request, string region) => ApiCall.Typed(request, Access.RegionReader(region), async api =>
    {
        var feed = await api.Get<RegionDocuments>().GetFeedAsync(region, api.Aborted) ?? throw ApiContext.NotFound($"There is no region '{region}'.");
        return TypedResults.Ok(feed);
    });
}

/// <summary>Answer of <c>PUT /api/v1/regions/{region}</c>: the region's display name as stored.</summary>
public sealed record RegionResponse(string Slug, LocalizedText Name);

/// <summary>Body of <c>GET /api/v1/regions</c>.</summary>
public sealed record RegionListResponse(IReadOnlyList<RegionListItem> Regions);

/// <summary>A region: its slug, its display name by language (its slug in <c>de</c> when it has none) and how many towns it has.</summary>
public sealed record RegionListItem(string Slug, LocalizedText Name, int Towns);
