using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Cli.Tests.Infrastructure;

/// <summary>
/// The real StatusHub server on its own Azurite (<see cref="StatusHubApp"/>), listening on a real loopback Kestrel port,
/// so that the client talks to it over real HTTP exactly as a municipal script would.
/// </summary>
public sealed class CliServer : StatusHubApp, IAsyncLifetime
{
    /// <summary>Server settings on top of the test defaults of <see cref="StatusHubApp"/>, e.g. a low rate limit.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The server's origin, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string Origin { get; private set; } = "";

    /// <summary>Starts Azurite, then the server on a free loopback port.</summary>
    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        Origin = addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)).TrimEnd('/');
    }

    /// <summary>The settings of <see cref="StatusHubApp"/>, then <see cref="Settings"/>.</summary>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (name, value) in Settings)
        {
            builder.UseSetting(name, value);
        }
    }

    /// <summary>A client of the server's real port (hides <see cref="StatusHubApp.Client"/>, which targets the in-memory server).</summary>
    public new HttpClient Client(string? key = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(Origin + "/"), AllowAutoRedirect = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        }

        return client;
    }

    /// <summary>POST /api/v1/render as admin: publishes the static site.</summary>
    public async Task RenderAsync() => await Client(AdminKey).PostAsync("/api/v1/render", null).Ok();

    /// <summary>Creates a town as admin (over the real port) and returns its slug and a town key for it.</summary>
    public async Task<(string Slug, string Key)> CreateTownAsync(string? region = null, string[]? neighbours = null)
    {
        var slug = Towns.NewSlug("cli");
        var admin = Client(AdminKey);
        await admin.Put($"/api/v1/towns/{slug}", Towns.Profile("Mössingen", region, neighbours)).Ok(HttpStatusCode.Created);
        var key = await admin.Post("/api/v1/keys", new { scope = "town", town = slug, label = "cli test" }).Ok(HttpStatusCode.Created);
        return (slug, key["key"]!.GetValue<string>());
    }
}

[CollectionDefinition(Name)]
public sealed class CliServerCollection : ICollectionFixture<CliServer>
{
    public const string Name = "StatusHub server on a real port for the CLI";
}
