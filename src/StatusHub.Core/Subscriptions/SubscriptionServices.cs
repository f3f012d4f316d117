using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StatusHub.Core.Subscriptions;

/// <summary>Registers subscriptions, the delivery outbox, the dispatcher and its HTTP client (both hosts).</summary>
public static class SubscriptionServices
{
    public static IServiceCollection AddStatusHubSubscriptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SubscriptionOptions>(configuration.GetSection(SubscriptionOptions.Section));
        services.Configure<DeliveryOptions>(configuration.GetSection(DeliveryOptions.Section));
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<DeliveryOutbox>();
        services.AddSingleton<SubscriptionDispatcher>();

        // Our own log lines name the subscription and host only: the factory's loggers (which log URLs) are removed.
        // The retries and the attempt timeout are the resilience handler's (DeliveryRetries); the client's own timeout is off.
        services.AddHttpClient(SubscriptionDispatcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
                new PublicAddressConnector(provider.GetRequiredService<IOptions<SubscriptionOptions>>().Value.AllowLoopbackHttp).CreateHandler())
            .RemoveAllLoggers()
            .AddResilienceHandler(DeliveryRetries.PipelineName, (builder, context) => DeliveryRetries.Configure(
                builder,
                context.ServiceProvider.GetRequiredService<IOptions<DeliveryOptions>>().Value,
                context.ServiceProvider.GetRequiredService<TimeProvider>(),
                context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<SubscriptionDispatcher>()));
        return services;
    }
}
