using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StatusHub.FunctionsHost;
using StatusHub.Server.Hosting;

namespace StatusHub.Functions.Tests.Worker;

/// <summary>
/// The published Functions app (artifacts/functions-app) running as a child process behind the test Functions host,
/// on a real Azurite, with the settings infra/ gives it in Azure, except storage (Azurite's connection string) and
/// the timers' schedules (once a year: the tests invoke the timers themselves).
/// </summary>
public sealed class PublishedWorker : IAsyncLifetime
{
    public const string AdminKey = "worker-test-admin-key-0123456789abcdef";

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "statushub-worker-tests", Guid.NewGuid().ToString("N"));

    public AzuriteProcess Azurite { get; private set; } = null!;

    public FunctionsTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync(Checkout.Root, _dataFolder, NullLogger.Instance);
        var configuration = typeof(PublishedWorker).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BuildConfiguration").Value!;
        Host = await FunctionsTestHost.StartAsync(new FunctionsTestHostOptions
        {
            AppDirectory = await PublishedApp.EnsureAsync(Checkout.Root, configuration),
            StaticWebsiteConnectionString = Azurite.ConnectionString,
            LoggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Warning)),
            Settings = new Dictionary<string, string?>
            {
                ["StatusHub:Storage:ConnectionString"] = Azurite.ConnectionString,
                ["StatusHub:AdminKey"] = AdminKey,

                // The worker runs as Production, where the site's base URL is required.
                ["StatusHub:SiteBaseUrl"] = "http://localhost:5080/",
                ["StatusHub:Render:Schedule"] = "0 0 0 1 1 *",
                ["StatusHub:Delivery:Schedule"] = "0 0 0 1 1 *",
                ["StatusHub:Storage:TotalTimeout"] = "00:00:20",
                ["StatusHub:Storage:AttemptTimeout"] = "00:00:10",
            },
        });
    }

    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = Host.BaseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await Azurite.DisposeAsync();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
