using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using StatusHub.Api.Http;
using StatusHub.Core.Contracts;
using StatusHub.Core.Documents;
using StatusHub.Core.Domain;
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

    /// <summary>
    /// Creates or replaces an incident. A provider key is checked against the body's towns right after reading it, and
    /// against the stored incident's towns before the body is validated: 403 with nothing stored either way.
    /// </summary>
    public static Task<ApiResult<Results<Ok<IncidentDocument>, Created<IncidentDocument>>>> PutIncident(HttpRequest request, string incident) =>
        ApiCall.Typed<Results<Ok<IncidentDocument>, Created<IncidentDocument>>>(request, Access.IncidentWriter(incident), async api =>
    {
        var (body, _) = await api.ReadJsonAsync<IncidentRequest>();
        var caller = api.Caller;
        var repository = api.Get<IncidentRepository>();
        if (!caller.IsAdmin)
        {
            if (body?.Towns is { } listed && !caller.CanWriteIncidentTowns(listed))
            {
                throw ApiContext.Forbidden("This key may write incidents of its own towns only; the body names others.");
            }

            await RequireStoredTownsAsync(api, incident, missingIsNotFound: false);
        }

        var definition = Validator.Incident(incident, body, api.Get<TimeProvider>().GetUtcNow());
        await RequireKnownTownsAsync(api, definition.Towns);
        var written = await repository.PutAsync(definition, api.WriteContext(), caller.CanWriteIncidentTowns, api.Aborted);
        var (stored, created) = written.Value;
        api.SetETag(written.ETag);
        return created ? TypedResults.Created($"{StatusHubApi.BasePath}/incidents/{incident}", stored) : TypedResults.Ok(stored);
    });

    public static Task<ApiResult<Created<TimelineUpdate>>> PostIncidentUpdate(HttpRequest request, string incident) => ApiCall.Typed(request, Access.IncidentWriter(incident), async api =>
    {
        var (body, raw) = await api.ReadJsonAsync<UpdateRequest>();
        if (!api.Caller.IsAdmin)
        {
            await RequireStoredTownsAsync(api, incident, missingIsNotFound: true);
        }

        var idempotency = StatusEndpoints.IdempotencyToken(api, raw);
        var (text, at) = Validator.Update(body, Validator.IncidentLanguage, api.Get<TimeProvider>().GetUtcNow());
        var written = await api.Get<IncidentRepository>().AddUpdateAsync(
            incident, text, at, idempotency, api.WriteContext(), api.Caller.CanWriteIncidentTowns, api.Aborted);
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

    /// <summary>403 unless the caller owns every town of the stored incident; a missing incident is 404 or, for a PUT, no obstacle.</summary>
    private static async Task RequireStoredTownsAsync(ApiContext api, string incident, bool missingIsNotFound)
    {
        var stored = await api.Get<IncidentRepository>().GetTownsAsync(incident, api.Aborted);
        if (stored is null)
        {
            if (missingIsNotFound)
            {
                throw ApiContext.NotFound($"There is no incident '{incident}'.");
            }

            return;
        }

        if (!api.Caller.CanWriteIncidentTowns(stored))
        {
            throw ApiContext.Forbidden($"Incident '{incident}' has member towns outside this key's towns.");
        }
    }

    /// <summary>
    /// 400 naming each town that does not exist. The cached town list answers; a town it misses is looked for once more
    /// in a fresh list (it may have been created through another instance within the cache's bound).
    /// </summary>
    internal static async Task RequireKnownTownsAsync(ApiContext api, IReadOnlyList<string> towns)
    {
        var cache = api.Get<TownListCache>();
        var known = (await cache.GetAsync(api.Aborted)).Select(t => t.Slug).ToHashSet(StringComparer.Ordinal);
        if (towns.Any(t => !known.Contains(t)))
        {
            cache.Invalidate();
            known = (await cache.GetAsync(api.Aborted)).Select(t => t.Slug).ToHashSet(StringComparer.Ordinal);
        }

        Validator.RequireKnownTowns("towns", towns, known);
    }
}

/// <summary>Body of <c>GET /api/v1/incidents</c>: open incidents first, then recently resolved ones.</summary>
public sealed record IncidentListResponse(IReadOnlyList<IncidentListItem> Incidents);
