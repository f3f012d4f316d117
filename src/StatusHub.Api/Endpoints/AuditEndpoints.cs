using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
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
    private const int MaxContinuationLength = 2048;

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        api.MapGet("/towns/{town}/audit", GetAudit).WithName(nameof(GetAudit))
            .Contract(AccessRule.TownWriter, Answers.Query | Answers.NotFound, "Read a town's write history");
        return api;
    }

    public static Task<ApiResult<Ok<AuditPageResponse>>> GetAudit(HttpRequest request, string town) => ApiCall.Typed(request, Access.TownWriter(town), async api =>
    {
        var (limit, continuation) = Paging(request.Query);
        if (await api.Get<TownRepository>().GetProfileAsync(town, api.Aborted) is null)
        {
            throw ApiContext.NotFound($"There is no town '{town}'.");
        }

        var page = await api.Get<AuditRepository>().ReadAsync(town, limit, continuation, api.Aborted);
        var next = page.Next is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(page.Next));
        var items = api.Caller.IsAdmin ? page.Items : page.Items.Select(e => e.ForTownKey()).ToList();
        return TypedResults.Ok(new AuditPageResponse(items, next));
    });

    /// <summary><c>limit</c> (1–200, default 50) and <c>continuation</c> (a <c>next</c> this API returned), else 400.</summary>
    private static (int Limit, string? Continuation) Paging(IQueryCollection query)
    {
        var errors = new ValidationErrors();
        var limit = AuditRepository.DefaultPageSize;
        if (query.TryGetValue("limit", out var limitText)
            && (limitText.Count != 1
                || !int.TryParse(limitText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit)
                || limit is < 1 or > AuditRepository.MaxPageSize))
        {
            errors.Add("limit", $"A whole number from 1 to {AuditRepository.MaxPageSize}.");
        }

        string? continuation = null;
        if (query.TryGetValue("continuation", out var token))
        {
            var text = token.ToString();
            var bytes = new byte[Base64Url.GetMaxDecodedLength(Math.Min(text.Length, MaxContinuationLength))];
            if (token.Count != 1 || text.Length is 0 or > MaxContinuationLength
                || Base64Url.DecodeFromChars(text, bytes, out _, out var written) != OperationStatus.Done)
            {
                errors.Add("continuation", "Not a token this API returned as 'next'.");
            }
            else
            {
                continuation = Encoding.UTF8.GetString(bytes, 0, written);
            }
        }

        errors.ThrowIfAny();
        return (limit, continuation);
    }
}

/// <summary>Body of <c>GET /api/v1/towns/{town}/audit</c>: <c>next</c> is the <c>continuation</c> of the following page, null at the end.</summary>
public sealed record AuditPageResponse(IReadOnlyList<AuditEntry> Items, string? Next);
