using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace StatusHub.Api.Http;

/// <summary>RFC 9457 problem details, the only error shape of the API.</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static IResult Create(int status, string title, string detail, IDictionary<string, string[]>? errors = null)
    {
        var problem = errors is null ? new ProblemDetails() : new HttpValidationProblemDetails(errors);
        problem.Type = $"urn:statushub:problem:{TypeName(status)}";
        problem.Title = title;
        problem.Status = status;
        problem.Detail = detail;
        return TypedResults.Json(problem, DocumentJson.Options, ContentType, status);
    }

    public static IResult Validation(IReadOnlyDictionary<string, string[]> errors) =>
        Create(StatusCodes.Status400BadRequest, "Invalid request", "One or more fields are invalid; see errors.", errors.ToDictionary());

    /// <summary>The last part of the problem type, also the reason category in logs.</summary>
    public static string TypeName(int status) => status switch
    {
        400 => "bad-request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        408 => "request-timeout",
        409 => "conflict",
        411 => "length-required",
        412 => "precondition-failed",
        413 => "payload-too-large",
        414 => "uri-too-long",
        415 => "unsupported-media-type",
        422 => "idempotency-key-reused",
        429 => "too-many-requests",
        431 => "headers-too-large",
        500 => "internal-error",
        503 => "storage-unavailable",
        505 => "http-version-not-supported",
        _ => "error",
    };
}
