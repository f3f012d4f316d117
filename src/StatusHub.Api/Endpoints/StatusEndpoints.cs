using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StatusHub.Api.Http;
using StatusHub.Core.Contracts;
using StatusHub.Core.Domain;
using StatusHub.Core.Documents;
using StatusHub.Core.Storage;
using StatusHub.Core.Validation;

namespace StatusHub.Api.Endpoints;

/// <summary>What a town publishes: status, services, Q&amp;A and timeline (that town's key or admin).</summary>
public static class StatusEndpoints
{
    public static RouteGroupBuilder MapTownStatus(this RouteGroupBuilder api)
    {
        api.MapPut("/towns/{town}/status", PutStatus).WithName(nameof(PutStatus))
            .Accepts<StatusRequest>("application/json").Produces<TownStatus>(200).WithWriteProblems();
        api.MapPut("/towns/{town}/services/{service}", PutService).WithName(nameof(PutService))
            .Accepts<ServiceRequest>("application/json").Produces<ServiceView>(200).WithWriteProblems();
        api.MapPut("/towns/{town}/services", PutServices).WithName(nameof(PutServices))
            .Accepts<ServiceListRequest>("application/json").Produces<ServiceListResponse>(200).WithWriteProblems();
        api.MapPut("/towns/{town}/qa", PutQa).WithName(nameof(PutQa))
            .Accepts<QaRequest>("application/json").Produces<QaResponse>(200).WithWriteProblems();
        api.MapPost("/towns/{town}/updates", PostUpdate).WithName(nameof(PostUpdate))
            .Accepts<UpdateRequest>("application/json").Produces<TimelineUpdate>(201).ProducesProblem(422).WithWriteProblems();
        api.MapDelete("/towns/{town}/updates/{id}", DeleteUpdate).WithName(nameof(DeleteUpdate))
            .Produces(204).WithWriteProblems();
        return api;
    }

    public static Task<IResult> PutStatus(HttpRequest request, string town) => ApiCall.Run(request, Access.TownWriter(town), async api =>
    {
        var (body, _) = await api.ReadJsonAsync<StatusRequest>();
        var now = api.Get<TimeProvider>().GetUtcNow();
        var written = await api.Get<TownRepository>().PutStatusAsync(
            town, profile => Validator.Status(body, profile.DefaultLanguage, now), api.WriteContext(), api.Aborted);
        api.Get<TownListCache>().Invalidate();
        return TypedResults.Json(written.Value, DocumentJson.Options).WithETag(written.ETag);
    });

    public static Task<IResult> PutService(HttpRequest request, string town, string service) => ApiCall.Run(request, Access.TownWriter(town, ("service", service)), async api =>
    {
        var (body, _) = await api.ReadJsonAsync<ServiceRequest>();
        var written = await api.Get<TownRepository>().PutServiceAsync(
            town, profile => Validator.Service(service, body, profile.DefaultLanguage), api.WriteContext(), api.Aborted);
        return TypedResults.Json(ServiceView.From(written.Value), DocumentJson.Options).WithETag(written.ETag);
    });

    public static Task<IResult> PutServices(HttpRequest request, string town) => ApiCall.Run(request, Access.TownWriter(town), async api =>
    {
        var (body, _) = await api.ReadJsonAsync<ServiceListRequest>();
        var written = await api.Get<TownRepository>().ReplaceServicesAsync(
            town, profile => Validator.Services(body, profile.DefaultLanguage), api.WriteContext(), api.Aborted);
        return TypedResults.Json(new ServiceListResponse(written.Value.Select(ServiceView.From).ToList()), DocumentJson.Options).WithETag(written.ETag);
    });

    public static Task<IResult> PutQa(HttpRequest request, string town) => ApiCall.Run(request, Access.TownWriter(town), async api =>
    {
        var (body, _) = await api.ReadJsonAsync<QaRequest>();
        var written = await api.Get<TownRepository>().ReplaceQaAsync(
            town, profile => Validator.Qa(body, profile.DefaultLanguage), api.WriteContext(), api.Aborted);
        return TypedResults.Json(new QaResponse(written.Value), DocumentJson.Options).WithETag(written.ETag);
    });

    public static Task<IResult> PostUpdate(HttpRequest request, string town) => ApiCall.Run(request, Access.TownWriter(town), async api =>
    {
        var (body, raw) = await api.ReadJsonAsync<UpdateRequest>();
        var idempotency = IdempotencyToken(api, raw);
        var now = api.Get<TimeProvider>().GetUtcNow();
        var written = await api.Get<TownRepository>().AddUpdateAsync(
            town, profile => Validator.Update(body, profile.DefaultLanguage, now), idempotency, api.WriteContext(), api.Aborted);
        var update = written.Value.Update;
        return TypedResults.Json(update, DocumentJson.Options, statusCode: 201)
            .WithHeader("Location", $"/api/v1/towns/{town}/updates/{update.Id}")
            .WithETag(written.ETag);
    });

    public static Task<IResult> DeleteUpdate(HttpRequest request, string town, string id) => ApiCall.Run(request, Access.TownWriter(town), async api =>
    {
        if (!Validator.IsSlug(id))
        {
            throw ApiContext.NotFound($"Town '{town}' has no update '{id}'.");
        }

        var etag = await api.Get<TownRepository>().DeleteUpdateAsync(town, id, api.WriteContext(), api.Aborted);
        return TypedResults.NoContent().WithETag(etag);
    });

    /// <summary>The request's <c>Idempotency-Key</c> with the hash of its body, or null without the header; 400 when it is too long.</summary>
    internal static IdempotencyToken? IdempotencyToken(ApiContext api, byte[] raw)
    {
        var header = api.Request.Headers["Idempotency-Key"].ToString();
        if (header.Length == 0)
        {
            return null;
        }

        if (header.Length > Limits.MaxIdempotencyKey || header.Any(char.IsControl))
        {
            throw ValidationFailedException.Single("Idempotency-Key", $"At most {Limits.MaxIdempotencyKey} printable characters.");
        }

        return new IdempotencyToken(header, TownRepository.HashBody(raw));
    }
}

public sealed record ServiceListResponse(IReadOnlyList<ServiceView> Services);

public sealed record QaResponse(IReadOnlyList<QaItem> Items);
