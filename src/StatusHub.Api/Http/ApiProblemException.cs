namespace StatusHub.Api.Http;

/// <summary>A request-level failure that maps to one problem+json response (415, 413, 400 for bad JSON, 401, 403, 404).</summary>
public sealed class ApiProblemException(int status, string title, string detail)
    : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;
}
