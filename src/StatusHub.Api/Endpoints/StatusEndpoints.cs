using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using StatusHub.Api.Http;
using StatusHub.Core.Documents;
using StatusHub.Core.Storage;
using StatusHub.Core.Validation;

namespace StatusHub.Api.Endpoints;

/// <summary>What a town publishes: status, services, Q&amp;A and timeline (that town's key or admin).</summary>
public static class StatusEndpoints
{
    public static RouteGroupBuilder MapTownStatus(this RouteGroupBuilder api)
    {
        const Answers write = Answers.Body | Answers.NotFound | Answers.IfMatch;
        api.MapPut("/towns/{town}/status", PutStatus).WithName(nameof(PutStatus))
            .Contract(AccessRule.TownWriter, write, "Publish the town's status").Accepts<StatusRequest>("application/json");
        api.MapPut("/towns/{town}/services/{service}", PutService).WithName(nameof(PutService))
            .Contract(AccessRule.TownWriter, write, "Set the state of one service").Accepts<ServiceRequest>("application/json");
        api.MapPut("/towns/{town}/services", PutServices).WithName(nameof(PutServices))
            .Contract(AccessRule.TownWriter, write, "Replace the town's list of services").Accepts<ServiceListRequest>("application/json");
        api.MapPut("/towns/{town}/qa", PutQa).WithName(nameof(PutQa))
            .Contract(AccessRule.TownWriter, write, "Replace the town's questions and answers").Accepts<QaRequest>("application/json");
        api.MapPost("/towns/{town}/updates", PostUpdate).WithName(nameof(PostUpdate))
            .Contract(AccessRule.TownWriter, write | Answers.IdempotencyKey, "Add a timeline update").Accepts<UpdateRequest>("application/json");
        api.MapDelete("/towns/{town}/updates/{id}", DeleteUpdate).WithName(nameof(DeleteUpdate))
            .Contract(AccessRule.TownWriter, Answers.NotFound | Answers.IfMatch, "Delete a timeline update");
        return api;
    }

    public static Task<ApiResult<Ok<TownStatus>>> PutStatus(HttpRequest request, string town) => ApiCall.Typed(request, Access.TownWriter(town), async api =>
    {
        var (body, _) = await api.ReadJsonAsync<StatusRequest>();
        var now = api.Get<TimeProvider>().GetUtcNow();
        var written = await api.Get<TownRepository>().PutStatusAsync(
            town, profile => Validator.Status(body, profile.DefaultLanguage, now), api.WriteContext(), api.Aborted);
        api.Get<TownListCache>().Invalidate();
        api.SetETag(written.ETag);
        return TypedResults.Ok(written.Value);
    });

    public static Task<ApiResult<Ok<ServiceView>>> PutService(HttpRequest request, string town, string service) => ApiCall.Typed(request, Access.TownWriter(town, ("service", service)), async api =>
    {
        var (body, _) = await api.ReadJsonAsync<ServiceRequest>();
        var written = await api.Get<TownRepository>().PutServiceAsync(
            town, profile => Validator.Service(service, body, profile.DefaultLanguage), api.WriteContext(), api.Aborted);
        api.SetETag(written.ETag);
        return TypedResults.Ok(ServiceView.From(written.Value));
    });

    public static Task<ApiResult<Ok<ServiceListResponse>>> PutServices(HttpRequest request, string town) => ApiCall.Typed(request, Access.TownWriter(town), async api =>
    {
        var (body, _) = await api.ReadJsonAsync<ServiceListRequest>();
        var written = await api.Get<TownRepository>().ReplaceServicesAsync(
            town, profile => Validator.Services(body, profile.DefaultLanguage), api.WriteContext(), api.Aborted);
        api.SetETag(written.ETag);
        return TypedResults.Ok(new ServiceListResponse(written.Value.Select(ServiceView.From).ToList()));
    });

    public static Task<ApiResult<Ok<QaResponse>>> PutQa(HttpRequest request, string town) => ApiCall.Typed(request, Access.TownWriter(town), async api =>
    {
        var (body, _) = await api.ReadJsonAsync<QaRequest>();
        var written = await api.Get<TownRepository>().ReplaceQaAsync(
            town, profile => Validator.Qa(body, profile.DefaultLanguage), api.WriteContext(), api.Aborted);
        api.SetETag(written.ETag);
        return TypedResults.Ok(new QaResponse(written.Value));
    });

    public static Task<ApiResult<Created<TimelineUpdate>>> PostUpdate(HttpRequest request, string town) => ApiCall.Typed(request, Access.TownWriter(town), async api =>
    {
        var (body, raw) = await api.ReadJsonAsync<UpdateRequest>();
        var idempotency = Validator.IdempotencyKey(api.IdempotencyKey, raw);
        var now = api.Get<TimeProvider>().GetUtcNow();
        var written = await api.Get<TownRepository>().AddUpdateAsync(
            town, profile => Validator.Update(body, profile.DefaultLanguage, now), idempotency, api.WriteContext(), api.Aborted);
        var update = written.Value.Update;
        api.SetETag(written.ETag);
        return TypedResults.Created($"{StatusHubApi.BasePath}/towns/{town}/updates/{update.Id}", update);
    });

    public static Task<ApiResult<NoContent>> DeleteUpdate(HttpRequest request, string town, string id) => ApiCall.Typed(request, Access.TownWriter(town), async api =>
    {
        if (!Validator.IsSlug(id))
        {
            throw ApiContext.NotFound($"Town '{town}' has no update '{id}'.");
        }

        api.SetETag(await api.Get<TownRepository>().DeleteUpdateAsync(town, id, api.WriteContext(), api.Aborted));
        return TypedResults.NoContent();
    });
}

