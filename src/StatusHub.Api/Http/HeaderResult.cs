using Microsoft.AspNetCore.Http;

namespace StatusHub.Api.Http;

/// <summary>Adds response headers (ETag, Retry-After, Location) to any result without losing its status code.</summary>
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
    /// <summary>Adds the resource's ETag in its strong form (<see cref="Core.Storage.EntityTags.Strong"/>), the form <c>If-Match</c> accepts.</summary>
    public static IResult WithETag(this IResult result, string etag) =>
        new HeaderResult(result, [new("ETag", Core.Storage.EntityTags.Strong(etag))]);

    public static IResult WithHeader(this IResult result, string name, string value) =>
        new HeaderResult(result, [new(name, value)]);
}
