using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StatusHub.Api;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// The worker's own Kestrel (the host proxies each HTTP call to it): no Server banner on any answer, as on the server.
builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);

builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();
builder.Services.AddStatusHub(builder.Configuration);

builder.Build().Run();
