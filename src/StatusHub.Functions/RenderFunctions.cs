using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using StatusHub.Api.Endpoints;
using StatusHub.Core.Rendering;

namespace StatusHub.Functions;

/// <summary>Rendering the static site: on demand (admin) and on the schedule the server uses too.</summary>
public sealed class RenderFunctions(RenderJob renderJob)
{
    [Function(nameof(Render))]
    public static async Task<IResult> Render(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/render")] HttpRequest request) =>
        await RenderEndpoints.Render(request);

    // The host resolves %StatusHub:Render:Schedule% from the app setting StatusHub__Render__Schedule (docs/deploy.md).
    [Function(nameof(RenderOnSchedule))]
    public Task RenderOnSchedule(
        [TimerTrigger("%StatusHub:Render:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        renderJob.RunAsync(cancellationToken);
}
