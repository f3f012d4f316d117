using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StatusHub.Api.Http;
using StatusHub.Core.Aid;
using StatusHub.Core.Contracts;
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
            .Accepts<TownRequest>("application/json").Produces<TownProfile>(200).Produces<TownProfile>(201).WithWriteProblems();
        api.MapGet("/towns", ListTowns).WithName(nameof(ListTowns)).Produces<TownListResponse>(200).ProducesProblem(503);
        api.MapGet("/towns/{town}", GetTown).WithName(nameof(GetTown)).Produces<TownDocument>(200).ProducesProblem(404).ProducesProblem(503);
        return api;
    }

    public static Task<IResult> PutTown(HttpRequest request, string town) => ApiCall.Run(request, Access.Admin(("town", town)), async api =>
    {
        var (body, _) = await api.ReadJsonAsync<TownRequest>();
        var profile = Validator.Town(town, body);
        var written = await api.Get<TownRepository>().PutTownAsync(profile, api.WriteContext(), api.Aborted);
        var json = TypedResults.Json(written.Value.Profile, DocumentJson.Options, statusCode: written.Value.Created ? 201 : 200);
        if (written.Value.Unchanged)
        {
            // Nothing was written (no new ETag, no audit row, no render): the client may say so (statushub towns import).
            return json.WithHeader(UnchangedHeader, "true").WithETag(written.ETag);
        }

        api.Get<TownListCache>().Invalidate();
        var result = written.Value.Created ? json.WithHeader("Location", $"/api/v1/towns/{town}") : json;
        return result.WithETag(written.ETag);
    });

    public static Task<IResult> ListTowns(HttpRequest request) => ApiCall.Run(request, Access.Public(), async api =>
    {
        var towns = await api.Get<TownListCache>().GetAsync(api.Aborted);
        return TypedResults.Json(new TownListResponse(towns), DocumentJson.Options);
    });

    public static Task<IResult> GetTown(HttpRequest request, string town) => ApiCall.Run(request, Access.Public(("town", town)), async api =>
    {
        var repository = api.Get<TownRepository>();
        var snapshot = await repository.GetAsync(town, api.Aborted)
            ?? throw ApiContext.NotFound($"There is no town '{town}'.");

        // Only offers the town accepted can help it (API.md, Mutual aid), so the document needs this town and the
        // providers it accepted, of its own region (as the render's region matching): no read of the other towns, so
        // the cost does not grow with the hub. The ETag is the town's own version, the one its writers send as If-Match.
        var accepted = snapshot.AcceptedAid.Select(a => a.Provider).Where(p => p != town).Distinct(StringComparer.Ordinal);
        var region = (await repository.GetManyAsync(accepted, api.Aborted))
            .Where(p => p.Profile.Region == snapshot.Profile.Region)
            .ToDictionary(t => t.Profile.Slug);
        region[town] = snapshot;
        var now = api.Get<TimeProvider>().GetUtcNow();
        var matching = AidMatcher.Match(region.Values, now);

        // Its shared incidents: the membership rows came with the town's own rows; each incident is one more query.
        if (snapshot.IncidentIds.Count > 0)
        {
            var incidents = await api.Get<IncidentRepository>().GetManyAsync(snapshot.IncidentIds, api.Aborted);
            snapshot = snapshot with { Incidents = IncidentSelection.ForTown(town, incidents, now) };
        }

        return TypedResults.Json(TownDocument.From(snapshot, matching.For(town, region)), DocumentJson.Options).WithETag(snapshot.ETag);
    });
}

/// <summary>Body of <c>GET /api/v1/towns</c>.</summary>
public sealed record TownListResponse(IReadOnlyList<TownListItem> Towns);
