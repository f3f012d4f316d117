using Microsoft.AspNetCore.Http;

namespace StatusHub.Api.Http;

/// <summary>Adds response headers (Retry-After, WWW-Authenticate) to a problem result without losing its status code.</summary>
public sealed class HeaderResult(IResult inner, IReadOnlyList<KeyValuePair<string, string>> headers) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => (inner as IStatusCodeHttpResult)?.StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        foreach (var (name, value) in headers)
        {
            httpContext.Response.Headers[name] = value;
        }

        return inner.ExecuteAsync(httpContext);
    }
}

public static class HeaderResultExtensions
{
    public static IResult WithHeader(this IResult result, string name, string value) =>
        new HeaderResult(result, [new(name, value)]);
}
