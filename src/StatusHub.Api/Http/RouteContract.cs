using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace StatusHub.Api.Http;

/// <summary>What a route answers besides its typed results, for the problem responses, headers and security of its operation.</summary>
[Flags]
public enum Answers
{
    None = 0,

    /// <summary>Reads a JSON body: 400 for an invalid one, 413 over the size limit, 415 for another content type.</summary>
    Body = 1,

    /// <summary>Reads or changes a resource that may not exist: 404.</summary>
    NotFound = 2,

    /// <summary>Takes <c>If-Match</c>: 412 when the resource changed; the answer carries the new <c>ETag</c>.</summary>
    IfMatch = 4,

    /// <summary>Takes <c>Idempotency-Key</c>: 422 when the key was used with another body.</summary>
    IdempotencyKey = 8,

    /// <summary>A limit of stored things is reached: 409.</summary>
    Conflict = 16,

    /// <summary>Validates query parameters: 400.</summary>
    Query = 32,

    /// <summary>The answer carries the resource's <c>ETag</c> (reads of a versioned resource).</summary>
    ETag = 64,

    /// <summary>
    /// Removes the resource itself (with <see cref="IfMatch"/>: on the version sent): its success answer carries no
    /// <c>ETag</c>, as no version is left.
    /// </summary>
    Removes = 128,

    /// <summary>
    /// A PUT whose body equals the stored resource writes nothing: 200 with the stored <c>ETag</c> and
    /// <c>X-StatusHub-Unchanged: true</c>.
    /// </summary>
    Unchanged = 256,
}

/// <summary>
/// A route's declared contract: its <see cref="AccessRule"/> (the same one its handler passes to <see cref="ApiCall"/>,
/// checked on every call) and what else it <see cref="Answers"/>. From it the route gets its problem responses
/// (application/problem+json) in API.md's order: 400 for a malformed slug on a write (404 on a read), 401 and 403 for a
/// keyed route, 429 (write budget, failed authentications, anonymous reads), the route's own, 500 and 503.
/// </summary>
public sealed record RouteContract(AccessRule Rule, Answers Answers, bool IsWrite)
{
    /// <summary>The problem statuses of this route, ascending.</summary>
    public IReadOnlyList<int> ProblemStatuses(bool hasRouteValues)
    {
        // 500 is a bug or a surprise from storage (problem+json with a trace id, the request may not have been applied).
        var statuses = new SortedSet<int> { 429, 500, 503 };
        if (Answers.HasFlag(Answers.Body) || Answers.HasFlag(Answers.Query) || (IsWrite && hasRouteValues))
        {
            statuses.Add(400);
        }

        if (Rule != AccessRule.Public)
        {
            statuses.Add(401);
            statuses.Add(403);
        }

        if (Answers.HasFlag(Answers.NotFound) || (!IsWrite && hasRouteValues))
        {
            statuses.Add(404);
        }

        if (Answers.HasFlag(Answers.Conflict))
        {
            statuses.Add(409);
        }

        if (Answers.HasFlag(Answers.IfMatch))
        {
            statuses.Add(412);
        }

        if (Answers.HasFlag(Answers.Body))
        {
            statuses.Add(413);
            statuses.Add(415);
        }

        if (Answers.HasFlag(Answers.IdempotencyKey))
        {
            statuses.Add(422);
        }

        return [.. statuses];
    }

    /// <summary>
    /// Fails loudly (a bug, answered 500) when a route's handler applies another access rule than its mapping declares,
    /// so the document never states other security than the route applies. Only where the endpoint is known (the
    /// server); the Functions host runs the same handlers.
    /// </summary>
    internal static void Check(HttpContext context, Access access)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RouteContract>() is { } declared && declared.Rule != access.Rule)
        {
            throw new InvalidOperationException(
                $"The route {context.GetEndpoint()?.DisplayName} declares access {declared.Rule} but its handler applies {access.Rule}.");
        }
    }
}

/// <summary>Declares a route's <see cref="RouteContract"/>.</summary>
public static class RouteContractExtensions
{
    /// <summary>
    /// Declares who may call the route (<paramref name="rule"/>, as its handler's <see cref="Access"/>), what else it
    /// answers, and its one-line summary; adds the problem responses that follow (application/problem+json).
    /// </summary>
    public static RouteHandlerBuilder Contract(this RouteHandlerBuilder builder, AccessRule rule, Answers answers, string summary)
    {
        builder.WithSummary(summary);
        builder.Add(endpoint =>
        {
            var methods = endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault()?.HttpMethods ?? [];
            var isWrite = methods.Any(m => !HttpMethods.IsGet(m) && !HttpMethods.IsHead(m));
            var contract = new RouteContract(rule, answers, isWrite);
            var hasRouteValues = endpoint is RouteEndpointBuilder { RoutePattern.Parameters.Count: > 0 };
            endpoint.Metadata.Add(contract);
            foreach (var status in contract.ProblemStatuses(hasRouteValues))
            {
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(
                    status, status == 400 ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails), [Problems.ContentType]));
            }
        });
        return builder;
    }
}
