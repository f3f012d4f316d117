using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using StatusHub.Api.Http;
using StatusHub.Core.Auth;
using StatusHub.Core.Contracts;
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
        var (scope, town, region, towns, label) = await ValidateAsync(api, body);
        api.CheckIfMatchUntagged();
        var (id, key, hash) = ApiKeys.Generate();
        var stored = new StoredKey(id, scope, town, region, label, hash, api.Get<TimeProvider>().GetUtcNow(), null) { Towns = towns ?? [] };
        var etag = await api.Get<KeyRepository>().CreateAsync(stored, api.Aborted);
        api.Get<KeyAuthenticator>().Forget(id);
        Logger(api).LogInformation("Key {KeyId} ({Scope}) created by key {CreatorId}", id, scope, api.Caller.KeyId);
        var response = new CreatedKeyResponse(id, key, scope, town, region, label, stored.CreatedAt) { Towns = towns };
        api.SetETag(etag);
        return TypedResults.Created($"{StatusHubApi.BasePath}/keys/{id}", response);
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
        var etag = ApiKeys.TryParse($"shk_{id}_x", out _, out _)
            ? await api.Get<KeyRepository>().RevokeAsync(id, api.Get<TimeProvider>().GetUtcNow(), api.IfMatch, api.Aborted)
            : null;
        if (etag is null)
        {
            throw ApiContext.NotFound($"There is no key '{id}'.");
        }

        api.Get<KeyAuthenticator>().Forget(id);
        Logger(api).LogInformation("Key {KeyId} revoked by key {RevokerId}", id, api.Caller.KeyId);
        api.SetETag(etag);
        return TypedResults.NoContent();
    });

    private static async Task<(KeyScope Scope, string? Town, string? Region, IReadOnlyList<string>? Towns, string Label)> ValidateAsync(ApiContext api, KeyRequest? body)
    {
        var errors = new ValidationErrors();
        if (body is null)
        {
            throw ValidationFailedException.Single("$", "A JSON object is required.");
        }

        KeyScope? scope = body.Scope switch
        {
            "admin" => KeyScope.Admin,
            "town" => KeyScope.Town,
            "region" => KeyScope.Region,
            "provider" => KeyScope.Provider,
            _ => null,
        };
        if (scope is null)
        {
            errors.Add("scope", "Required: one of admin, town, region, provider.");
        }

        CheckTarget(errors, "town", body.Town, required: scope == KeyScope.Town);
        CheckTarget(errors, "region", body.Region, required: scope == KeyScope.Region);
        IReadOnlyList<string>? towns = null;
        if (scope == KeyScope.Provider)
        {
            towns = Validator.TownList(errors, "towns", body.Towns);
        }
        else if (body.Towns is not null)
        {
            errors.Add("towns", "Only allowed with scope 'provider'.");
        }

        var label = Validator.Label(errors, body.Label) ?? "";
        errors.ThrowIfAny();

        if (towns is not null)
        {
            await IncidentEndpoints.RequireKnownTownsAsync(api, towns);
        }

        if (scope == KeyScope.Town && await api.Get<TownRepository>().GetProfileAsync(body.Town!, api.Aborted) is null)
        {
            throw ValidationFailedException.Single("town", $"There is no town '{body.Town}': create it first with PUT /api/v1/towns/{body.Town}.");
        }

        return (scope!.Value, scope == KeyScope.Town ? body.Town : null, scope == KeyScope.Region ? body.Region : null, towns, label);
    }

    private static void CheckTarget(ValidationErrors errors, string field, string? value, bool required)
    {
        if (required && !Validator.IsSlug(value))
        {
            errors.Add(field, value is null ? $"Required for scope '{field}'." : "Must be a slug.");
        }
        else if (!required && value is not null)
        {
            errors.Add(field, $"Only allowed with scope '{field}'.");
        }
    }

    private static ILogger Logger(ApiContext api) => api.Get<ILoggerFactory>().CreateLogger("StatusHub.Keys");
}

/// <summary>Answer of <c>POST /api/v1/keys</c>: the only time the secret <see cref="Key"/> is shown.</summary>
public sealed record CreatedKeyResponse(string Id, string Key, KeyScope Scope, string? Town, string? Region, string Label, DateTimeOffset CreatedAt)
{
    /// <summary>A provider key's towns; absent for every other scope.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Towns { get; init; }
}

public sealed record KeyInfo(string Id, KeyScope Scope, string? Town, string? Region, string Label, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>A provider key's towns; absent for every other scope.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Towns { get; init; }
}

public sealed record KeyListResponse(IReadOnlyList<KeyInfo> Keys);
