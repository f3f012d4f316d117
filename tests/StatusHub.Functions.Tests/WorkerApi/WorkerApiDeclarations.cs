// Declarations only: the few types of the Azure Functions worker packages that src/StatusHub.Functions uses, written
// from their public API (Azure/azure-functions-dotnet-worker: Microsoft.Azure.Functions.Worker 2.52.0,
// Worker.Extensions.Abstractions, Worker.Extensions.Http 3.x, Worker.Extensions.Http.AspNetCore 2.1.0,
// Worker.Extensions.Timer 4.3.1, Worker.ApplicationInsights 2.51.0; Microsoft.ApplicationInsights.WorkerService 2.23.0).
// FunctionsCompileTests compiles the Functions sources against these and the real StatusHub.Api/Core assemblies, so a
// handler signature change fails here rather than first on Azure. This file is not compiled into any assembly that
// ships, nor into the test assembly (see the .csproj); every body throws.
#nullable enable

namespace Microsoft.Azure.Functions.Worker
{
    using System;
    using Microsoft.Extensions.DependencyInjection;

    [AttributeUsage(AttributeTargets.Method)]
    public class FunctionAttribute : Attribute
    {
        public FunctionAttribute(string name) => Name = name;

        public string Name { get; }
    }

    public enum AuthorizationLevel
    {
        Anonymous = 0,
        User = 1,
        Function = 2,
        System = 3,
        Admin = 4,
    }

    [AttributeUsage(AttributeTargets.Parameter)]
    public sealed class HttpTriggerAttribute : Attribute
    {
        public HttpTriggerAttribute() => throw new NotSupportedException();

        public HttpTriggerAttribute(params string[] methods) => throw new NotSupportedException();

        public HttpTriggerAttribute(AuthorizationLevel authLevel) => throw new NotSupportedException();

        public HttpTriggerAttribute(AuthorizationLevel authLevel, params string[] methods) => throw new NotSupportedException();

        public string? Route { get; set; }

        public string[]? Methods { get; private set; }

        public AuthorizationLevel AuthLevel { get; private set; }
    }

    [AttributeUsage(AttributeTargets.Parameter)]
    public sealed class TimerTriggerAttribute : Attribute
    {
        public TimerTriggerAttribute(string schedule) => throw new NotSupportedException();

        public string Schedule { get; private set; } = "";

        public bool UseMonitor { get; set; }

        public bool RunOnStartup { get; set; }
    }

    public class TimerInfo
    {
        public ScheduleStatus? ScheduleStatus { get; set; }

        public bool IsPastDue { get; set; }
    }

    public class ScheduleStatus
    {
        public DateTime Last { get; set; }

        public DateTime Next { get; set; }

        public DateTime LastUpdated { get; set; }
    }

    public static class FunctionsApplicationInsightsExtensions
    {
        public static IServiceCollection ConfigureFunctionsApplicationInsights(this IServiceCollection services) =>
            throw new NotSupportedException();
    }
}

namespace Microsoft.Azure.Functions.Worker.Builder
{
    using System;
    using System.Collections.Generic;
    using Microsoft.Extensions.Configuration;
    using Microsoft.Extensions.DependencyInjection;
    using Microsoft.Extensions.Diagnostics.Metrics;
    using Microsoft.Extensions.Hosting;
    using Microsoft.Extensions.Logging;

    public class FunctionsApplication
    {
        public static FunctionsApplicationBuilder CreateBuilder(string[] args) => throw new NotSupportedException();
    }

    public class FunctionsApplicationBuilder : IHostApplicationBuilder
    {
        private FunctionsApplicationBuilder() => throw new NotSupportedException();

        public IDictionary<object, object> Properties => throw new NotSupportedException();

        IConfigurationManager IHostApplicationBuilder.Configuration => Configuration;

        public ConfigurationManager Configuration => throw new NotSupportedException();

        public IHostEnvironment Environment => throw new NotSupportedException();

        public ILoggingBuilder Logging => throw new NotSupportedException();

        public IMetricsBuilder Metrics => throw new NotSupportedException();

        public IServiceCollection Services => throw new NotSupportedException();

        public IHost Build() => throw new NotSupportedException();

        public void ConfigureContainer<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory, Action<TContainerBuilder>? configure = null)
            where TContainerBuilder : notnull => throw new NotSupportedException();
    }

    public static class FunctionsApplicationBuilderAspNetCoreExtensions
    {
        public static FunctionsApplicationBuilder ConfigureFunctionsWebApplication(this FunctionsApplicationBuilder builder) =>
            throw new NotSupportedException();
    }
}

namespace Microsoft.Extensions.DependencyInjection
{
    using System;

    public static class ApplicationInsightsExtensions
    {
        public static IServiceCollection AddApplicationInsightsTelemetryWorkerService(this IServiceCollection services) =>
            throw new NotSupportedException();
    }
}
