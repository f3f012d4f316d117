using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using StatusHub.Api.Endpoints;

namespace StatusHub.Functions;

/// <summary>A town's audit trail: the same handler as the server's <see cref="AuditEndpoints.MapAudit"/>.</summary>
public static class AuditFunctions
{
    [Function(nameof(GetAudit))]
    public static async Task<IResult> GetAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/towns/{town}/audit")] HttpRequest request, string town) =>
        await AuditEndpoints.GetAudit(request, town);
}
