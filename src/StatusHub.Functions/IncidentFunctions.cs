using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using StatusHub.Api.Endpoints;

namespace StatusHub.Functions;

/// <summary>Shared incidents: the same handlers as the server's <see cref="IncidentEndpoints.MapIncidents"/>.</summary>
public static class IncidentFunctions
{
    [Function(nameof(PutIncident))]
    public static async Task<IResult> PutIncident(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/incidents/{incident}")] HttpRequest request, string incident) =>
        await IncidentEndpoints.PutIncident(request, incident);

    [Function(nameof(PostIncidentUpdate))]
    public static async Task<IResult> PostIncidentUpdate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/incidents/{incident}/updates")] HttpRequest request, string incident) =>
        await IncidentEndpoints.PostIncidentUpdate(request, incident);

    [Function(nameof(DeleteIncidentUpdate))]
    public static async Task<IResult> DeleteIncidentUpdate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/incidents/{incident}/updates/{id}")] HttpRequest request, string incident, string id) =>
        await IncidentEndpoints.DeleteIncidentUpdate(request, incident, id);

    [Function(nameof(ListIncidents))]
    public static async Task<IResult> ListIncidents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/incidents")] HttpRequest request) =>
        await IncidentEndpoints.ListIncidents(request);

    [Function(nameof(GetIncident))]
    public static async Task<IResult> GetIncident(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/incidents/{incident}")] HttpRequest request, string incident) =>
        await IncidentEndpoints.GetIncident(request, incident);
}
