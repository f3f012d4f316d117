using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StatusHub.Api.Http;

namespace StatusHub.Api.Endpoints;

/// <summary>CORS preflight (<c>OPTIONS</c>) for every API route: see <see cref="ApiCors"/>.</summary>
public static class CorsEndpoints
{
    public static RouteGroupBuilder MapCorsPreflight(this RouteGroupBuilder api)
    {
        api.MapMethods("/{*path}", [HttpMethods.Options], Preflight).WithName(nameof(Preflight)).ExcludeFromDescription();
        return api;
    }

    public static Task<IResult> Preflight(HttpRequest request, string? path) =>
        ApiCall.Run(request, Access.Public(), _ => Task.FromResult(ApiCors.Preflight(request.HttpContext)));
}
