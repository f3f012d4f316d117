using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using StatusHub.Api.Http;
using StatusHub.Core.Storage;
using StatusHub.Core.Validation;

namespace StatusHub.Api.Endpoints;

/// <summary>A town's audit trail of accepted writes (that town's key or admin), newest first, paged.</summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        api.MapGet("/towns/{town}/audit", GetAudit).WithName(nameof(GetAudit))
            .Contract(AccessRule.TownWriter, Answers.Query | Answers.NotFound, "Read a town's write history");
        return api;
    }

    public static Task<ApiResult<Ok<AuditPageResponse>>> GetAudit(HttpRequest request, string town) => ApiCall.Typed(request, Access.TownWriter(town), async api =>
    {
        var query = Validator.AuditPage(Values(request.Query, "limit"), Values(request.Query, "continuation"));
        var page = await api.Get<AuditTrail>().ReadAsync(town, query, api.Caller.IsAdmin, api.Aborted)
            ?? throw ApiContext.NotFound($"There is no town '{town}'.");
        return TypedResults.Ok(new AuditPageResponse(page.Items, page.Next));
    });

    /// <summary>A query parameter's values, or null when it is absent.</summary>
    private static string?[]? Values(IQueryCollection query, string name) => query.TryGetValue(name, out var values) ? values.ToArray() : null;
}

/// <summary>Body of <c>GET /api/v1/towns/{town}/audit</c>: <c>next</c> is the <c>continuation</c> of the following page, null at the end.</summary>
public sealed record AuditPageResponse(IReadOnlyList<AuditEntry> Items, string? Next);
