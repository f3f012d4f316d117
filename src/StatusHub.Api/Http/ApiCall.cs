using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StatusHub.Core.Errors;
using StatusHub.Core.Validation;

namespace StatusHub.Api.Http;

/// <summary>
/// Runs a handler and turns every known failure into its problem+json response, so both hosts answer
/// identically: validation 400, auth 401/403 (and a provider key's incident towns, 403), 404, 412, 413, 415, 422, 429, storage 503 with Retry-After, and
/// anything unexpected 500 (logged, no internals in the answer).
/// Every answer gets the <see cref="SecurityHeaders"/>; every rejected write is logged with its reason (never the key).
/// </summary>
public static class ApiCall
{
    private static readonly EventId WriteRejected = new(4001, nameof(WriteRejected));
    private static readonly EventId UnexpectedFailure = new(5000, nameof(UnexpectedFailure));

    /// <summary>
    /// Applies <paramref name="access"/> (slug syntax → authentication → authorization → write budget, API.md's order),
    /// then runs <paramref name="handler"/> as the principal it found (<see cref="ApiContext.Principal"/>).
    /// </summary>
    public static async Task<IResult> Run(HttpRequest request, Access access, Func<ApiContext, Task<IResult>> handler)
    {
        SecurityHeaders.Apply(request.HttpContext);
        ApiCors.Apply(request.HttpContext);
        var context = new ApiContext(request);
        try
        {
            RouteContract.Check(request.HttpContext, access);
            context.Principal = await access.ApplyAsync(context).ConfigureAwait(false);
            return await handler(context).ConfigureAwait(false);
        }
        catch (StorageUnavailableException unavailable)
        {
            Logger(request).LogWarning("Storage unavailable for {Method} {Path}: {Cause}",
                request.Method, request.Path.ToUriComponent(), unavailable.InnerException?.GetType().Name);
            var seconds = Math.Max(1, (int)Math.Ceiling(unavailable.RetryAfter.TotalSeconds));
            return Problems.Create(503, "Storage unavailable", "Nothing was changed by this request, or it is not yet confirmed: retry after the given time.")
                .WithHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
        }
        catch (Exception error) when (Rejection(error) is { } rejected)
        {
            if (context.IsWrite)
            {
                // Rejected writes are counted here (event 4001, by reason), never stored in the audit trail.
                Logger(request).LogInformation(WriteRejected, "Write rejected: {Method} {Path} {Status} {Reason}",
                    request.Method, request.Path.ToUriComponent(), rejected.Status, Problems.TypeName(rejected.Status));
            }

            return rejected.Result;
        }
        catch (Exception unexpected) when (!(unexpected is OperationCanceledException && request.HttpContext.RequestAborted.IsCancellationRequested))
        {
            // A bug or a surprise from storage: logged in full here, answered as problem+json without internals, the
            // same on both hosts (the Functions host would otherwise answer a bare 500 for a failed invocation).
            var traceId = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? request.HttpContext.TraceIdentifier;
            Logger(request).LogError(UnexpectedFailure, unexpected, "Unexpected failure of {Method} {Path} (trace {TraceId})",
                request.Method, request.Path.ToUriComponent(), traceId);
            return Problems.Create(500, "Internal error",
                $"The request failed on our side and may not have been applied: read the resource before you retry. Trace id {traceId}.");
        }
    }

    /// <summary>
    /// <see cref="Run"/> for a handler that returns typed results (<c>TypedResults.Ok(value)</c>, or a
    /// <c>Results&lt;…&gt;</c> union) and sets its headers on the response (<see cref="ApiContext.SetETag"/>): the
    /// route's responses are then declared by the types. Converting a route from <see cref="Run"/>:
    /// <list type="number">
    /// <item>the handler's return type <c>Task&lt;IResult&gt;</c> becomes <c>Task&lt;ApiResult&lt;Ok&lt;T&gt;&gt;&gt;</c>
    /// (or the union it can answer), <c>ApiCall.Run</c> becomes <c>ApiCall.Typed</c>, the access argument stays;</item>
    /// <item><c>TypedResults.Json(x, DocumentJson.Options)</c> with an ETag becomes <c>api.SetETag(e)</c> then
    /// <c>TypedResults.Ok(x)</c>; a 201 with Location becomes <c>TypedResults.Created(location, x)</c>; a 204 with an
    /// ETag becomes <c>api.SetETag(e)</c> then <c>TypedResults.NoContent()</c>; any other header is set on
    /// <c>api.Request.HttpContext.Response</c> and declared by the route's <see cref="Answers"/>;</item>
    /// <item>the mapping drops <c>.Accepts</c>/<c>.Produces</c>/<c>.ProducesProblem</c> and declares
    /// <c>.Contract(AccessRule.X, Answers.…, "summary")</c> (the problem responses, security and headers);</item>
    /// <item>the Functions trigger becomes <c>async Task&lt;IResult&gt; … =&gt; await Handlers.Method(request, …)</c>.</item>
    /// </list>
    /// </summary>
    public static async Task<ApiResult<TResult>> Typed<TResult>(HttpRequest request, Access access, Func<ApiContext, Task<TResult>> handler)
        where TResult : IResult, IEndpointMetadataProvider =>
        new(await Run(request, access, async api => await handler(api).ConfigureAwait(false)).ConfigureAwait(false));

    /// <summary>The answer to a failure the client caused, or null for anything else (which is not caught).</summary>
    private static (int Status, IResult Result)? Rejection(Exception error) => error switch
    {
        ValidationFailedException invalid => (400, Problems.Validation(invalid.Errors)),
        ApiProblemException problem => (problem.Status, ProblemResult(problem)),
        ResourceNotFoundException missing => (404, Problems.Create(404, "Not found", missing.Message)),
        PreconditionFailedException => (412, Problems.Create(412, "Precondition failed",
            "Someone else changed this since you read it: reload it and apply your change again.")),
        IdempotencyConflictException conflict => (422, Problems.Create(422, "Idempotency-Key reused", conflict.Message)),
        LimitReachedException limit => (409, Problems.Create(409, limit.Title, limit.Message)),
        IncidentAccessDeniedException denied => (403, Problems.Create(403, "Forbidden", denied.Message)),

        // The server could not read the body (malformed chunked framing, a body shorter than its Content-Length, the
        // server's own size limit): the client's fault, not a 500.
        BadHttpRequestException bad when bad.StatusCode is >= 400 and < 500 => (bad.StatusCode, Problems.Create(bad.StatusCode,
            bad.StatusCode == 413 ? "Payload too large" : "Bad request", $"The request body could not be read: {(bad.StatusCode == 413
                ? $"it is larger than the server accepts (the API takes at most {Limits.MaxBodyBytes / 1024} KiB)"
                : "its framing is not valid HTTP")}.")),
        _ => null,
    };

    private static IResult ProblemResult(ApiProblemException problem)
    {
        var result = Problems.Create(problem.Status, problem.Title, problem.Message);
        if (problem.Status == 401)
        {
            return result.WithHeader("WWW-Authenticate", "Bearer");
        }

        if (problem.RetryAfter is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            return result.WithHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
        }

        return result;
    }

    private static ILogger Logger(HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("StatusHub.Api");
}
