using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StatusHub.Core.Errors;
using StatusHub.Core.Validation;

namespace StatusHub.Api.Http;

/// <summary>
/// Runs a handler and turns every known failure into its problem+json response, so both hosts answer
/// identically: validation 400, auth 401/403, 404, 412, 413, 415, 422, storage 503 with Retry-After.
/// </summary>
public static class ApiCall
{
    public static async Task<IResult> Run(HttpRequest request, Func<ApiContext, Task<IResult>> handler)
    {
        var context = new ApiContext(request);
        try
        {
            return await handler(context).ConfigureAwait(false);
        }
        catch (ValidationFailedException invalid)
        {
            return Problems.Validation(invalid.Errors);
        }
        catch (ApiProblemException problem)
        {
            var result = Problems.Create(problem.Status, problem.Title, problem.Message);
            return problem.Status == 401 ? result.WithHeader("WWW-Authenticate", "Bearer") : result;
        }
        catch (ResourceNotFoundException missing)
        {
            return Problems.Create(404, "Not found", missing.Message);
        }
        catch (PreconditionFailedException)
        {
            return Problems.Create(412, "Precondition failed", "Someone else changed this town since you read it: reload it and apply your change again.");
        }
        catch (IdempotencyConflictException conflict)
        {
            return Problems.Create(422, "Idempotency-Key reused", conflict.Message);
        }
        catch (StorageUnavailableException unavailable)
        {
            Logger(request).LogWarning("Storage unavailable for {Method} {Path}: {Cause}",
                request.Method, request.Path, unavailable.InnerException?.GetType().Name);
            var seconds = Math.Max(1, (int)Math.Ceiling(unavailable.RetryAfter.TotalSeconds));
            return Problems.Create(503, "Storage unavailable", "Nothing was changed by this request, or it is not yet confirmed: retry after the given time.")
                .WithHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static ILogger Logger(HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("StatusHub.Api");
}
