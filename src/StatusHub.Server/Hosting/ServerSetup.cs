using Scalar.AspNetCore;
using StatusHub.Api;
using StatusHub.Api.Http;
using StatusHub.Api.OpenApi;

namespace StatusHub.Server.Hosting;

/// <summary>Wiring of the local server: the shared API plus OpenAPI, docs, local storage and the demo region.</summary>
public static class ServerSetup
{
    public static WebApplicationBuilder AddStatusHubServer(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            kestrel.UseProblemResponses();
        });
        LocalStorage.Configure(builder);
        builder.Services.AddStatusHub(builder.Configuration);
        builder.Services.AddSingleton<ListeningSiteBaseUrl>();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<Core.Rendering.RenderOptions>>(services => services.GetRequiredService<ListeningSiteBaseUrl>());
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IOptionsChangeTokenSource<Core.Rendering.RenderOptions>>(services => services.GetRequiredService<ListeningSiteBaseUrl>());
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = FrameworkProblem);
        builder.Services.AddStatusHubOpenApi();
        builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection("StatusHub:Demo"));
        builder.Services.AddSingleton<DemoRegionLoader>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DemoRegionLoader>());
        builder.Services.AddHostedService<RenderScheduler>();
        builder.Services.AddHostedService<DeliveryWorker>();
        return builder;
    }

    /// <summary>
    /// The answers the framework writes itself (routing's 404 and 405, the site's own errors, an unhandled exception)
    /// in the API's shape: its problem type names and a detail, never a stack trace.
    /// </summary>
    private static void FrameworkProblem(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Type = $"urn:statushub:problem:{Problems.TypeName(status)}";
        problem.Detail ??= status switch
        {
            404 => "There is no page, file or API route at this path.",
            405 => $"This path does not answer {context.HttpContext.Request.Method}.",
            >= 500 => "The request failed on our side.",
            _ => problem.Title,
        };
    }

    public static WebApplication MapStatusHubServer(this WebApplication app)
    {
        app.UseExceptionHandler();

        // Responses the framework ends before a handler runs (415 from content-type matching, 404/405 routing)
        // get the same problem+json shape as the handlers' own errors.
        app.UseStatusCodePages();
        app.Use((context, next) =>
        {
            // HEAD answers like GET without a body (RFC 9110 §9.3.2): Kestrel drops the body itself, but not every
            // server does (the in-process test server), so the body goes nowhere whatever serves the request.
            if (HttpMethods.IsHead(context.Request.Method))
            {
                context.Response.Body = Stream.Null;
            }

            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            if (context.Request.IsHttps)
            {
                context.Response.Headers.StrictTransportSecurity = SecurityHeaders.StrictTransportSecurity;
            }

            // CORS headers also on the answers the framework gives before a handler runs (404, 405, 415).
            if (context.Request.Path.StartsWithSegments(StatusHubApi.BasePath, StringComparison.OrdinalIgnoreCase))
            {
                ApiCors.Apply(context);
            }

            return next(context);
        });

        app.MapStatusHubApi();
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", options => options.WithTitle("StatusHub API v1"));
        app.MapSite();

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
            {
                app.Logger.LogInformation(
                    "StatusHub API at {Url}/api/v1, reference docs at {Url}/docs, OpenAPI at {Url}/openapi/v1.json, citizen site at {Url}/",
                    url, url, url, url);
            }
        });
        return app;
    }
}
