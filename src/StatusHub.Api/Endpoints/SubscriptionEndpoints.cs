using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using StatusHub.Api.Http;
using StatusHub.Core.Subscriptions;
using StatusHub.Core.Validation;

namespace StatusHub.Api.Endpoints;

/// <summary>
/// Signed subscriptions of a region (API.md "Subscriptions"; a region key of that region, or admin): register, list
/// with delivery state (additive, never the secret), delete. Deliveries are made by <see cref="SubscriptionDispatcher"/>.
/// </summary>
public static class SubscriptionEndpoints
{
    public static RouteGroupBuilder MapSubscriptions(this RouteGroupBuilder api)
    {
        api.MapPost("/regions/{region}/subscriptions", CreateSubscription).WithName(nameof(CreateSubscription))
            .Contract(AccessRule.RegionReader, Answers.Body | Answers.Conflict | Answers.IfMatch, "Subscribe to the region's changes").Accepts<SubscriptionRequest>("application/json");
        api.MapGet("/regions/{region}/subscriptions", ListSubscriptions).WithName(nameof(ListSubscriptions))
            .Contract(AccessRule.RegionReader, Answers.None, "List the region's subscriptions with their delivery state");
        api.MapDelete("/regions/{region}/subscriptions/{id}", DeleteSubscription).WithName(nameof(DeleteSubscription))
            .Contract(AccessRule.RegionReader, Answers.NotFound | Answers.IfMatch | Answers.Removes, "Delete a subscription");
        return api;
    }

    public static Task<ApiResult<Created<CreatedSubscriptionResponse>>> CreateSubscription(HttpRequest request, string region) => ApiCall.Typed(request, Access.RegionReader(region), async api =>
    {
        var (body, _) = await api.ReadJsonAsync<SubscriptionRequest>();
        body = Validator.RequireBody(body);
        var subscriptions = api.Get<RegionSubscriptions>();
        var target = subscriptions.Validate(body.Url, body.Secret);
        api.CheckIfMatchUntagged();
        var (subscription, etag) = await subscriptions.CreateAsync(region, target, api.Aborted);
        Logger(api).LogInformation("Subscription {Subscription} of region {Region} to host {Host} created by key {KeyId}",
            subscription.Id, region, subscription.Url.Host, api.Caller.KeyId);
        api.SetETag(etag);
        return TypedResults.Created(
            $"{StatusHubApi.BasePath}/regions/{region}/subscriptions/{subscription.Id}", new CreatedSubscriptionResponse(subscription.Id, subscription.Url.AbsoluteUri));
    });

    public static Task<ApiResult<Ok<SubscriptionListResponse>>> ListSubscriptions(HttpRequest request, string region) => ApiCall.Typed(request, Access.RegionReader(region), async api =>
    {
        var subscriptions = await api.Get<RegionSubscriptions>().ListAsync(region, api.Aborted);
        var items = subscriptions.Select(s => new SubscriptionInfo(
            s.Id, s.Url.AbsoluteUri, s.CreatedAt, s.FailureCount, s.Disabled, s.DisabledAt, s.LastDeliveryAt, s.LastStatus, s.LastError)).ToList();
        return TypedResults.Ok(new SubscriptionListResponse(items));
    });

    public static Task<ApiResult<NoContent>> DeleteSubscription(HttpRequest request, string region, string id) => ApiCall.Typed(request, Access.RegionReader(region), async api =>
    {
        if (!await api.Get<RegionSubscriptions>().DeleteAsync(region, id, api.IfMatch, api.Aborted))
        {
            throw ApiContext.NotFound($"Region '{region}' has no subscription '{id}'.");
        }

        Logger(api).LogInformation("Subscription {Subscription} of region {Region} deleted by key {KeyId}", id, region, api.Caller.KeyId);
        return TypedResults.NoContent();
    });

    private static ILogger Logger(ApiContext api) => api.Get<ILoggerFactory>().CreateLogger("StatusHub.Subscriptions");
}

/// <summary>Body of <c>POST /api/v1/regions/{region}/subscriptions</c>.</summary>
public sealed record SubscriptionRequest(string? Url, string? Secret);

/// <summary>Answer of <c>POST /api/v1/regions/{region}/subscriptions</c> (API.md: id and url; the secret is never echoed).</summary>
public sealed record CreatedSubscriptionResponse(string Id, string Url);

/// <summary>
/// One subscription in <c>GET …/subscriptions</c> (additive): delivery state, never the secret. <see cref="FailureCount"/>
/// counts consecutive failed deliveries; <see cref="LastStatus"/> is the HTTP status of the last delivery (null when
/// the subscriber did not answer); <see cref="LastError"/> says why the last delivery failed.
/// </summary>
public sealed record SubscriptionInfo(
    string Id,
    string Url,
    DateTimeOffset CreatedAt,
    int FailureCount,
    bool Disabled,
    DateTimeOffset? DisabledAt,
    DateTimeOffset? LastDeliveryAt,
    int? LastStatus,
    string? LastError);

public sealed record SubscriptionListResponse(IReadOnlyList<SubscriptionInfo> Subscriptions);
