using StatusHub.Core.Subscriptions;

namespace StatusHub.Core.Validation;

/// <summary>What a subscription is created with: the URL deliveries go to (normalized) and the signing secret.</summary>
public sealed record SubscriptionTarget(Uri Url, string Secret);

/// <summary>
/// The body of <c>POST /api/v1/regions/{region}/subscriptions</c> (<see cref="SubscriptionRules"/> say what a URL and a
/// secret may be) and the id of a subscription in a route (32 lower-case hex digits).
/// </summary>
internal static class SubscriptionValidator
{
    public const int IdLength = 32;

    public static SubscriptionTarget Validate(string? url, string? secret, bool allowLoopbackHttp)
    {
        var errors = new ValidationErrors();
        var target = SubscriptionRules.Url(errors, url, allowLoopbackHttp);
        var checkedSecret = SubscriptionRules.Secret(errors, secret);
        errors.ThrowIfAny();
        return new SubscriptionTarget(target!, checkedSecret!);
    }

    public static bool IsId(string? id) => id is { Length: IdLength } && id.All(char.IsAsciiHexDigitLower);
}
