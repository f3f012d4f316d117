using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace StatusHub.FunctionsHost;

/// <summary>
/// What the request the host proxies to the worker carries besides the client's own headers: YARP's documented
/// defaults (the client's address <b>set</b> as X-Forwarded-For, the original scheme and host as X-Forwarded-Proto
/// and -Host; "Request and Response Transforms", Defaults), written out so the test host does not depend on which of
/// them <see cref="HttpTransformer.Default"/> applies in direct forwarding.
/// </summary>
internal sealed class ForwardingTransformer : HttpTransformer
{
    public static readonly ForwardingTransformer Instance = new();

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        Set(proxyRequest, "X-Forwarded-For", httpContext.Connection.RemoteIpAddress?.ToString());
        Set(proxyRequest, "X-Forwarded-Proto", httpContext.Request.Scheme);
        Set(proxyRequest, "X-Forwarded-Host", httpContext.Request.Host.Value);
    }

    private static void Set(HttpRequestMessage request, string name, string? value)
    {
        request.Headers.Remove(name);
        if (!string.IsNullOrEmpty(value))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }
}
