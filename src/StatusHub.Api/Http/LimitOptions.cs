namespace StatusHub.Api.Http;

/// <summary>Settings under <c>StatusHub:Limits</c>: how many failed authentications and writes are allowed per window.</summary>
public sealed class LimitOptions
{
    public const string Section = "StatusHub:Limits";

    /// <summary>Failed authentications one client address may make per <see cref="FailedAuthWindowSeconds"/>.</summary>
    public int FailedAuthPerAddress { get; set; } = 20;

    /// <summary>Failed authentications naming one key id (a wrong secret) per <see cref="FailedAuthWindowSeconds"/>.</summary>
    public int FailedAuthPerKey { get; set; } = 10;

    public int FailedAuthWindowSeconds { get; set; } = 60;

    /// <summary>Writes (any method but GET and HEAD) one key may make per <see cref="WriteWindowSeconds"/>.</summary>
    public int WritesPerKey { get; set; } = 120;

    public int WriteWindowSeconds { get; set; } = 60;

    /// <summary>
    /// A header set by a trusted reverse proxy whose last entry is the client address (<c>X-Forwarded-For</c> behind
    /// Azure Functions or a load balancer); unset: the connection's address.
    /// </summary>
    public string? ClientAddressHeader { get; set; }
}
