using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using StatusHub.Api.Http;
using StatusHub.Core.Documents;
using StatusHub.Core.Storage;
using StatusHub.Core.Validation;

namespace StatusHub.Api.Endpoints;

/// <summary>
/// Shared incidents (API.md "Shared incidents"): written once by an admin or a provider key that owns every member town,
/// shown on every member town's page; read by anyone.
/// </summary>
public static class IncidentEndpoints
{
    public static RouteGroupBuilder MapIncidents(this RouteGroupBuilder api)
    {
        api.MapPut("/incidents/{incident}", PutIncident).WithName(nameof(PutIncident))
            .Contract(AccessRule.IncidentWriter, Answers.Body | Answers.IfMatch, "Create or replace a shared incident").Accepts<IncidentRequest>("application/json");
        api.MapPost("/incidents/{incident}/updates", PostIncidentUpdate).WithName(nameof(PostIncidentUpdate))
            .Contract(AccessRule.IncidentWriter, Answers.Body | Answers.NotFound | Answers.IfMatch | Answers.IdempotencyKey, "Add an update to a shared incident's timeline")
            .Accepts<UpdateRequest>("application/json");
        api.MapDelete("/incidents/{incident}/updates/{id}", DeleteIncidentUpdate).WithName(nameof(DeleteIncidentUpdate))
            .Contract(AccessRule.IncidentWriter, Answers.NotFound | Answers.IfMatch, "Delete an update of a shared incident");
        api.MapGet("/incidents", ListIncidents).WithName(nameof(ListIncidents))
            .Contract(AccessRule.Public, Answers.None, "List the open and recently resolved shared incidents");
        api.MapGet("/incidents/{incident}", GetIncident).WithName(nameof(GetIncident))
            .Contract(AccessRule.Public, Answers.ETag, "Read a shared incident");
        return api;
    }

    /// <summary>Creates or replaces an incident; a provider key must own every town of it, in the body and as stored (<see cref="SharedIncidents"/>).</summary>
    public static Task<ApiResult<Results<Ok<IncidentDocument>, Created<IncidentDocument>>>> PutIncident(HttpRequest request, string incident) =>
        ApiCall.Typed<Results<Ok<IncidentDocument>, Created<IncidentDocument>>>(request, Access.IncidentWriter(incident), async api =>
    {
        var (body, _) = await api.ReadJsonAsync<IncidentRequest>();
        var written = await api.Get<SharedIncidents>().PutAsync(incident, body, api.Caller, api.WriteContext(), api.Aborted);
        var (stored, created) = written.Value;
        api.SetETag(written.ETag);
        return created ? TypedResults.Created($"{StatusHubApi.BasePath}/incidents/{incident}", stored) : TypedResults.Ok(stored);
    });

    public static Task<ApiResult<Created<TimelineUpdate>>> PostIncidentUpdate(HttpRequest request, string incident) => ApiCall.Typed(request, Access.IncidentWriter(incident), async api =>
    {
        var (body, raw) = await api.ReadJsonAsync<UpdateRequest>();
        var written = await api.Get<SharedIncidents>().AddUpdateAsync(incident, body, api.IdempotencyKey, raw, api.Caller, api.WriteContext(), api.Aborted)
            ?? throw ApiContext.NotFound($"There is no incident '{incident}'.");
        var update = written.Value.Update;
        api.SetETag(written.ETag);
        return TypedResults.Created($"{StatusHubApi.BasePath}/incidents/{incident}/updates/{update.Id}", update);
    });

    public static Task<ApiResult<NoContent>> DeleteIncidentUpdate(HttpRequest request, string incident, string id) => ApiCall.Typed(request, Access.IncidentWriter(incident), async api =>
    {
        if (!Validator.IsSlug(id))
        {
            throw ApiContext.NotFound($"Incident '{incident}' has no update '{id}'.");
        }

        var etag = await api.Get<IncidentRepository>().DeleteUpdateAsync(incident, id, api.WriteContext(), api.Caller.CanWriteIncidentTowns, api.Aborted);
        api.SetETag(etag);
        return TypedResults.NoContent();
    });

    /// <summary>Open incidents, then those resolved within the last two weeks: one query of one row per incident.</summary>
    public static Task<ApiResult<Ok<IncidentListResponse>>> ListIncidents(HttpRequest request) => ApiCall.Typed(request, Access.Public(), async api =>
    {
        var items = await api.Get<IncidentRepository>().ListAsync(api.Get<TimeProvider>().GetUtcNow(), api.Aborted);
        return TypedResults.Ok(new IncidentListResponse(items));
    });

    public static Task<ApiResult<Ok<IncidentDocument>>> GetIncident(HttpRequest request, string incident) => ApiCall.Typed(request, Access.Public(("incident", incident)), async api =>
    {
        var stored = await api.Get<IncidentRepository>().GetAsync(incident, api.Aborted)
            ?? throw ApiContext.NotFound($"There is no incident '{incident}'.");
        api.SetETag(stored.ETag);
        return TypedResults.Ok(stored.Document);
    });
}

/// <summary>Body of <c>GET /api/v1/incidents</c>: open incidents first, then recently resolved ones.</summary>
public sealed record IncidentListResponse(IReadOnlyList<IncidentListItem> Incidents);
