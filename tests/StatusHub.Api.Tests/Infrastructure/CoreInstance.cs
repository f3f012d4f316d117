using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StatusHub.Core;

namespace StatusHub.Api.Tests.Infrastructure;

/// <summary>
/// Another StatusHub instance on the app's Azurite: the Core services alone (repositories, render job), as a second
/// Functions instance or a second server would have them, with extra settings, logging or a clock of its own.
/// </summary>
public static class CoreInstance
{
    public static ServiceProvider Create(
        StatusHubApp app,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<ILoggingBuilder>? logging = null,
        TimeProvider? time = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["StatusHub:Storage:ConnectionString"] = app.Azurite.ConnectionString,
            ["StatusHub:Storage:TotalTimeout"] = "00:00:20",
            ["StatusHub:Storage:AttemptTimeout"] = "00:00:10",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(builder => logging?.Invoke(builder));
        services.AddStatusHubCore(configuration);
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        return services.BuildServiceProvider();
    }
}
