using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace StatusHub.Functions.Tests.Parity;

/// <summary>
/// The routes the real server maps, read from its <see cref="EndpointDataSource"/>. Storage is configured but never
/// contacted: building the endpoints needs no table or blob.
/// </summary>
public sealed class ServerRoutes : WebApplicationFactory<Program>
{
    public const string ApiPrefix = "/api/v1";

    private IReadOnlySet<RouteKey>? _routes;

    /// <summary>Every (method, pattern) under <see cref="ApiPrefix"/>.</summary>
    public IReadOnlySet<RouteKey> Routes => _routes ??= Read();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("StatusHub:Storage:ConnectionString", "UseDevelopmentStorage=true");
        builder.UseSetting("StatusHub:AdminKey", "parity-test-admin-key-0123456789abcdef");
        // Once a day: the server's renderer should not tick against the unreachable storage while the test reads routes.
        builder.UseSetting("StatusHub:Render:Schedule", "0 0 0 * * *");
    }

    private HashSet<RouteKey> Read()
    {
        var routes = new HashSet<RouteKey>();
        foreach (var endpoint in Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (!pattern.StartsWith(ApiPrefix + "/", StringComparison.Ordinal) && pattern != ApiPrefix)
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            foreach (var method in methods.DefaultIfEmpty(RouteKey.AnyMethod))
            {
                routes.Add(new RouteKey(method.ToUpperInvariant(), pattern));
            }
        }

        return routes;
    }
}
