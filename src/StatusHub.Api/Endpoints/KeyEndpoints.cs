using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using StatusHub.Api.Http;
using StatusHub.Core.Auth;
using StatusHub.Core.Storage;
using StatusHub.Core.Validation;

namespace StatusHub.Api.Endpoints;

/// <summary>API keys (admin): create (the secret is shown once; scope admin, town, region or provider), list without secrets, revoke.</summary>
public static class KeyEndpoints
{
    public static RouteGroupBuilder MapKeys(this RouteGroupBuilder api)
    {
        api.MapPost("/keys", CreateKey).WithName(nameof(CreateKey))
            .Contract(AccessRule.Admin, Answers.Body | Answers.IfMatch, "Create a key (its secret is shown only here)").Accepts<KeyRequest>("application/json");
        api.MapGet("/keys", ListKeys).WithName(nameof(ListKeys)).Contract(AccessRule.Admin, Answers.None, "List the keys, without secrets");
        api.MapDelete("/keys/{id}", RevokeKey).WithName(nameof(RevokeKey)).Contract(AccessRule.Admin, Answers.NotFound | Answers.IfMatch, "Revoke a key");
        return api;
    }

    public static Task<ApiResult<Created<CreatedKeyResponse>>> CreateKey(HttpRequest request) => ApiCall.Typed(request, Access.Admin(), async api =>
    {
        var (body, _) = await api.ReadJsonAsync<KeyRequest>();
        var definition = Validator.Key(body);
        await api.Get<KnownTowns>().RequireAsync(definition, api.Aborted);
        api.CheckIfMatchUntagged();
        var (stored, secret, etag) = await api.Get<KeyIssuer>().CreateAsync(definition, api.Aborted);
        Logger(api).LogInformation("Key {KeyId} ({Scope}) created by key {CreatorId}", stored.Id, stored.Scope, api.Caller.KeyId);
        var response = new CreatedKeyResponse(stored.Id, secret, stored.Scope, stored.Town, stored.Region, stored.Label, stored.CreatedAt) { Towns = definition.Towns };
        api.SetETag(etag);
        return TypedResults.Created($"{StatusHubApi.BasePath}/keys/{stored.Id}", response);
    });

    public static Task<ApiResult<Ok<KeyListResponse>>> ListKeys(HttpRequest request) => ApiCall.Typed(request, Access.Admin(), async api =>
    {
        var keys = await api.Get<KeyRepository>().ListAsync(api.Aborted);
        var items = keys.Select(k => new KeyInfo(k.Id, k.Scope, k.Town, k.Region, k.Label, k.CreatedAt, k.RevokedAt)
        {
            Towns = k.Scope == KeyScope.Provider ? k.Towns : null,
        }).ToList();
        return TypedResults.Ok(new KeyListResponse(items));
    });

    public static Task<ApiResult<NoContent>> RevokeKey(HttpRequest request, string id) => ApiCall.Typed(request, Access.Admin(), async api =>
    {
        var etag = await api.Get<KeyIssuer>().RevokeAsync(id, api.IfMatch, api.Aborted)
            ?? throw ApiContext.NotFound($"There is no key '{id}'.");
        Logger(api).LogInformation("Key {KeyId} revoked by key {RevokerId}", id, api.Caller.KeyId);
        api.SetETag(etag);
        return TypedResults.NoContent();
    });

    private static ILogger Logger(ApiContext api) => api.Get<ILoggerFactory>().CreateLogger("StatusHub.Keys");
}
