using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using StatusHub.Api.Endpoints;

namespace StatusHub.Functions;

/// <summary>Shared incidents: the same handlers as the server's <see cref="IncidentEndpoints.MapIncidents"/>.</summary>
public static class IncidentFunctions
{
    [Function(nameof(PutIncident))]
    public static Task<IResult> PutIncident(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/incidents/{incident}")] HttpRequest request, string incident) =>
        IncidentEndpoints.PutIncident(request, incident);

    [Function(nameof(PostIncidentUpdate))]
    public static Task<IResult> PostIncidentUpdate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/incidents/{incident}/updates")] HttpRequest request, string incident) =>
        IncidentEndpoints.PostIncidentUpdate(request, incident);

    [Function(nameof(DeleteIncidentUpdate))]
    public static Task<IResult> DeleteIncidentUpdate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/incidents/{incident}/updates/{id}")] HttpRequest request, string incident, string id) =>
        IncidentEndpoints.DeleteIncidentUpdate(request, incident, id);

    [Function(nameof(ListIncidents))]
    public static Task<IResult> ListIncidents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/incidents")] HttpRequest request) =>
        IncidentEndpoints.ListIncidents(request);

    [Function(nameof(GetIncident))]
    public static Task<IResult> GetIncident(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/incidents/{incident}")] HttpRequest request, string incident) =>
        IncidentEndpoints.GetIncident(request, incident);
}
