using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace StatusHub.Api.Endpoints;

internal static class EndpointConventions
{
    /// <summary>
    /// The problem responses every write can give, for a route still on <c>ApiCall.Run</c> (kept so such routes merge);
    /// a route on <c>ApiCall.Typed</c> declares <c>.Contract(AccessRule, Answers, summary)</c> instead (see ApiCall.Typed).
    /// </summary>
    public static RouteHandlerBuilder WithWriteProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404)
            .ProducesProblem(412).ProducesProblem(413).ProducesProblem(415).ProducesProblem(429).ProducesProblem(503);
}
