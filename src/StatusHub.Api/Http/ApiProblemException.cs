namespace StatusHub.Api.Http;

/// <summary>A request-level failure that maps to one problem+json response (415, 413, 400 for bad JSON, 401, 403, 404, 429).</summary>
public sealed class ApiProblemException(int status, string title, string detail, TimeSpan? retryAfter = null)
    : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    /// <summary>Sent as <c>Retry-After</c> (429).</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
