using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StatusHub.Core.Subscriptions;
using StatusHub.FunctionsHost;
using StatusHub.Server.Hosting;

namespace StatusHub.Api.Tests.Infrastructure;

/// <summary>
/// A real Azurite on free ports (temp data folder) and, on top of it, the host this run tests (<see cref="HostUnderTest"/>):
/// the local server's real HTTP stack, or the published Functions app behind the test Functions host. Tests talk
/// to either through <see cref="Client"/> and never know which; <see cref="Services"/> is always the local server's
/// container on the same storage, for tests that read storage directly.
/// </summary>
public class StatusHubApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-0123456789abcdef-0123";

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "statushub-tests", Guid.NewGuid().ToString("N"));
    private FunctionsTestHost? _functions;

    /// <summary>The host under test, chosen per run: STATUSHUB_TEST_HOST=functions, else the local server.</summary>
    public static TestHost HostUnderTest { get; } = TestHostChoice.FromEnvironment();

    public AzuriteProcess Azurite { get; private set; } = null!;

    /// <summary>The Functions test host when <see cref="HostUnderTest"/> is <see cref="TestHost.Functions"/>.</summary>
    public FunctionsTestHost? Functions => _functions;

    public async Task InitializeAsync()
    {
        var root = RepositoryRoot.Find(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("Tests must run inside the StatusHub checkout (Azurite comes from its node_modules).");
        Azurite = await AzuriteProcess.StartAsync(root, _dataFolder, NullLogger.Instance);
        if (HostUnderTest == TestHost.Functions)
        {
            var configuration = typeof(StatusHubApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BuildConfiguration").Value!;
            var appDirectory = await PublishedApp.EnsureAsync(root, configuration);
            // The test host's and the worker's warnings and errors go to the console (the test log), like the server's logs.
            var logging = LoggerFactory.Create(logging => ConfigureHostLogging(logging.SetMinimumLevel(LogLevel.Information)
                .AddSimpleConsole(console => console.SingleLine = true)
                .AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(level => level >= LogLevel.Warning)));
            _functions = await FunctionsTestHost.StartAsync(new FunctionsTestHostOptions
            {
                AppDirectory = appDirectory,
                Settings = AppSettings(),
                StaticWebsiteConnectionString = Azurite.ConnectionString,
                LoggerFactory = logging,
            });
        }
    }

    /// <summary>The app settings of this app: the same for both hosts (the server's configuration, the worker's environment).</summary>
    public IReadOnlyDictionary<string, string?> AppSettings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["StatusHub:Storage:ConnectionString"] = Azurite.ConnectionString,
            ["StatusHub:AdminKey"] = AdminKey,

            // A shared 2-core CI machine can stall the emulator for seconds; production keeps the 2 s budget. A stopped
            // emulator still fails fast (connection refused), so the fault tests see 503 at once.
            ["StatusHub:Storage:TotalTimeout"] = "00:00:20",
            ["StatusHub:Storage:AttemptTimeout"] = "00:00:10",

            // Tests render explicitly (POST /api/v1/render); the background schedule fires once a year, and so does
            // the Functions app's delivery timer (the test host invokes it on demand: DeliverNowAsync).
            ["StatusHub:Render:Schedule"] = "0 0 0 1 1 *",
            ["StatusHub:Delivery:Schedule"] = "0 0 0 1 1 *",

            // Deliveries run when a render queued one (woken in-process), never on a poll: storage-call counts stay exact.
            ["StatusHub:Delivery:PollInterval"] = "1.00:00:00",
            ["StatusHub:Subscriptions:AllowLoopbackHttp"] = "true",

            // Every test shares one client address and the admin key; the limits have their own tests (Security/).
            ["StatusHub:Limits:FailedAuthPerAddress"] = "1000000",
            ["StatusHub:Limits:FailedAuthPerKey"] = "1000000",
            ["StatusHub:Limits:WritesPerKey"] = "1000000",
            ["StatusHub:Limits:AnonymousReadsPerAddress"] = "1000000",
        };
        // The Functions worker runs as Production, where the site's base URL is required (the server derives it
        // from its listening address outside Production); the value is the server's default.
        if (HostUnderTest == TestHost.Functions)
        {
            settings["StatusHub:SiteBaseUrl"] = "http://localhost:5080/";
        }

        ConfigureSettings(settings);
        return settings;
    }

    /// <summary>Subclasses change or add settings here; both hosts get them.</summary>
    protected virtual void ConfigureSettings(IDictionary<string, string?> settings)
    {
    }

    /// <summary>Subclasses add log providers here; both hosts log through them (the worker's logs via the test host).</summary>
    protected virtual void ConfigureHostLogging(ILoggingBuilder logging)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in AppSettings())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => ConfigureHostLogging(logging));
    }

    /// <summary>Runs the subscription deliveries now: the server's dispatcher, or the Functions app's delivery timer.</summary>
    public Task DeliverNowAsync() => _functions is { } functions
        ? functions.InvokeTimerAsync("DeliverSubscriptions")
        : Services.GetRequiredService<SubscriptionDispatcher>().RunOnceAsync(CancellationToken.None);

    /// <summary>
    /// What follows a render on the host under test. The server wakes its delivery worker in process when a render
    /// queued deliveries; the Functions app delivers on its timer, which the test host runs now instead of at the
    /// next tick of the schedule.
    /// </summary>
    public Task AfterRenderAsync() => _functions is { } functions ? functions.InvokeTimerAsync("DeliverSubscriptions") : Task.CompletedTask;

    public new async Task DisposeAsync()
    {
        if (_functions is not null)
        {
            await _functions.DisposeAsync();
        }

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

    /// <summary>A client that sends <paramref name="key"/> as bearer key (none when null), and checks every answer against the OpenAPI document.</summary>
    public HttpClient Client(string? key = null)
    {
        // Every answer is checked against the OpenAPI document (OpenApiResponseValidator): a test fails on a status code
        // or a body the document does not declare.
        var client = _functions is { } functions
            ? new HttpClient(new OpenApiResponseValidator(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false }))
            {
                BaseAddress = functions.BaseAddress,
            }
            : CreateDefaultClient(new Uri("http://localhost"), new OpenApiResponseValidator());
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

/// <summary>The two hosts the API and site tests run against.</summary>
public enum TestHost
{
    /// <summary>The local server (WebApplicationFactory, in process).</summary>
    Server,

    /// <summary>The published Functions app, a child process behind the test Functions host.</summary>
    Functions,
}

internal static class TestHostChoice
{
    public const string Variable = "STATUSHUB_TEST_HOST";

    public static TestHost FromEnvironment() => Environment.GetEnvironmentVariable(Variable) switch
    {
        null or "" or "server" => TestHost.Server,
        "functions" => TestHost.Functions,
        var other => throw new InvalidOperationException($"{Variable}={other}: expected 'server' or 'functions'."),
    };
}

/// <summary>
/// The trait that keeps a test to the local server when the suite runs against the Functions host
/// (scripts/test.sh filters <c>Host!=ServerOnly</c>): only for what the Functions app has no counterpart of, or what
/// the test process cannot see in the worker's process; the comment at each use says which.
/// </summary>
public static class HostTraits
{
    public const string Name = "Host";
    public const string ServerOnly = "ServerOnly";
}
