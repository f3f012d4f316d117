namespace StatusHub.Contracts;

/// <summary>
/// The body of every 4xx and 5xx answer (API.md, Conventions): <c>application/problem+json</c> (RFC 9457) with
/// <c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c>, and for a validation failure <c>errors</c>, each field's
/// messages by its name (e.g. <c>location.lat</c>). The hosts write it with ASP.NET Core's problem details; the client
/// reads it as this.
/// </summary>
public sealed record ApiProblem(string? Type, string? Title, int? Status, string? Detail)
{
    /// <summary>The messages of each invalid field; absent unless the answer is a validation failure (400).</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
}
