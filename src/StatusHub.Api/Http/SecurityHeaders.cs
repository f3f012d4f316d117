using Microsoft.AspNetCore.Http;

namespace StatusHub.Api.Http;

/// <summary>
/// Response headers every API answer carries in both hosts (set by <see cref="ApiCall"/>, so the Functions host gets
/// them without middleware): no MIME sniffing, no referrer, HSTS over TLS, and no caching of anything a key was sent with.
/// </summary>
public static class SecurityHeaders
{
    public const string StrictTransportSecurity = "max-age=31536000";

    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }

        if (context.Request.Headers.Authorization.Count > 0)
        {
            MarkPrivate(context);
        }
    }

    /// <summary>An answer that depends on a key is never stored by a browser or a shared cache.</summary>
    public static void MarkPrivate(HttpContext context) => context.Response.Headers.CacheControl = "no-store";
}
