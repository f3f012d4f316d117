using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using StatusHub.Api.Endpoints;
using StatusHub.Core.Subscriptions;

namespace StatusHub.Functions;

/// <summary>Signed subscriptions of a region: the server's <see cref="SubscriptionEndpoints"/>, and the delivery timer.</summary>
public sealed class SubscriptionFunctions(SubscriptionDispatcher dispatcher)
{
    [Function(nameof(CreateSubscription))]
    public static async Task<IResult> CreateSubscription(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/regions/{region}/subscriptions")] HttpRequest request, string region) =>
        await SubscriptionEndpoints.CreateSubscription(request, region);

    [Function(nameof(ListSubscriptions))]
    public static async Task<IResult> ListSubscriptions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/regions/{region}/subscriptions")] HttpRequest request, string region) =>
        await SubscriptionEndpoints.ListSubscriptions(request, region);

    [Function(nameof(DeleteSubscription))]
    public static async Task<IResult> DeleteSubscription(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/regions/{region}/subscriptions/{id}")] HttpRequest request, string region, string id) =>
        await SubscriptionEndpoints.DeleteSubscription(request, region, id);

    // The host resolves %StatusHub:Delivery:Schedule% from the app setting StatusHub__Delivery__Schedule (infra/, docs/subscriptions.md).
    [Function(nameof(DeliverSubscriptions))]
    public Task DeliverSubscriptions(
        [TimerTrigger("%StatusHub:Delivery:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        dispatcher.RunOnceAsync(cancellationToken);
}
