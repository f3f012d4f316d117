using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using StatusHub.Server.Hosting;

namespace StatusHub.Api.Tests.Infrastructure;

/// <summary>A real Azurite on free ports (temp data folder) and the real server's HTTP stack on top of it.</summary>
public class StatusHubApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-0123456789abcdef";

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "statushub-tests", Guid.NewGuid().ToString("N"));

    public AzuriteProcess Azurite { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var root = RepositoryRoot.Find(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("Tests must run inside the StatusHub checkout (Azurite comes from its node_modules).");
        Azurite = await AzuriteProcess.StartAsync(root, _dataFolder, NullLogger.Instance);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("StatusHub:Storage:ConnectionString", Azurite.ConnectionString);
        builder.UseSetting("StatusHub:AdminKey", AdminKey);

        // A shared 2-core CI machine can stall the emulator for seconds; production keeps the 2 s budget. A stopped
        // emulator still fails fast (connection refused), so the fault tests see 503 at once.
        builder.UseSetting("StatusHub:Storage:TotalTimeout", "00:00:20");
        builder.UseSetting("StatusHub:Storage:AttemptTimeout", "00:00:10");

        // Tests render explicitly (POST /api/v1/render); the background schedule fires once a year.
        builder.UseSetting("StatusHub:Render:Schedule", "0 0 0 1 1 *");

        // Deliveries run when a render queued one (woken in-process), never on a poll: storage-call counts stay exact.
        builder.UseSetting("StatusHub:Delivery:PollInterval", "1.00:00:00");
        builder.UseSetting("StatusHub:Subscriptions:AllowLoopbackHttp", "true");

        // Every test shares one client address and the admin key; the limits have their own tests (Security/).
        builder.UseSetting("StatusHub:Limits:FailedAuthPerAddress", "1000000");
        builder.UseSetting("StatusHub:Limits:FailedAuthPerKey", "1000000");
        builder.UseSetting("StatusHub:Limits:WritesPerKey", "1000000");
    }

    public async new Task DisposeAsync()
    {
        await base.DisposeAsync();
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

    /// <summary>A client that sends <paramref name="key"/> as bearer key (none when null).</summary>
    public HttpClient Client(string? key = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        }

        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class SharedAppCollection : ICollectionFixture<StatusHubApp>
{
    public const string Name = "shared StatusHub app on Azurite";
}
