using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Server.Hosting;

namespace StatusHub.Api.Tests;

/// <summary>
/// StatusHub:SiteBaseUrl (issue 18): unset locally, the site's absolute URLs use the address the server really listens on;
/// in Production the server does not start without it. The Functions app's counterpart is WorkerStartupTests.
/// </summary>
public sealed class SiteBaseUrlTests(ListeningApp app) : IClassFixture<ListeningApp>
{
    [Fact]
    [Trait(HostTraits.Name, HostTraits.ServerOnly)] // The server's own listening address; the worker has none of its own.
    public async Task Without_the_setting_the_site_uses_the_real_listening_address()
    {
        var admin = app.OriginClient(StatusHubApp.AdminKey);
        var slug = Towns.NewSlug();
        await admin.Put($"/api/v1/towns/{slug}", Towns.Profile()).Ok(HttpStatusCode.Created);
        await admin.Put($"/api/v1/towns/{slug}/status", Towns.Status()).Ok();
        await admin.PostAsync("/api/v1/render", null).Ok();

        var page = await admin.GetStringAsync($"/{slug}/");
        Assert.Contains($"<link rel=\"canonical\" href=\"{app.Origin}{slug}/\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("localhost:5080", page, StringComparison.Ordinal);
        Assert.Contains($"<id>{app.Origin}{slug}/feed.atom</id>", await admin.GetStringAsync($"/{slug}/feed.atom"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait(HostTraits.Name, HostTraits.ServerOnly)] // Starts a server of its own; WorkerStartupTests does the same for the worker.
    public void The_server_does_not_start_in_production_without_the_setting()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("StatusHub:Storage:ConnectionString", "UseDevelopmentStorage=true");
            builder.UseSetting("StatusHub:Demo:Enabled", "false");
        });

        var refused = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("StatusHub:SiteBaseUrl is required in Production", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [Trait(HostTraits.Name, HostTraits.ServerOnly)] // A pure function of the server's addresses; its fixture is the local server on Kestrel.
    [InlineData("http://127.0.0.1:41234", "http://127.0.0.1:41234/")]
    [InlineData("http://[::]:8080", "http://localhost:8080/")]
    [InlineData("http://0.0.0.0:5080", "http://localhost:5080/")]
    [InlineData("http://+:80", "http://localhost/")]
    [InlineData("https://localhost:7443|http://localhost:5080", "http://localhost:5080/")]
    [InlineData("https://localhost:7443", "https://localhost:7443/")]
    [InlineData("", null)]
    public void The_address_becomes_a_site_base_url(string addresses, string? expected)
    {
        var list = addresses.Length == 0 ? [] : addresses.Split('|').ToList();

        Assert.Equal(expected, ListeningSiteBaseUrl.FromAddresses(list)?.AbsoluteUri);
    }
}

/// <summary>The local server on Kestrel on a free loopback port, with no StatusHub:SiteBaseUrl.</summary>
public sealed class ListeningApp : StatusHubApp, IAsyncLifetime
{
    public Uri Origin { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        Origin = new Uri(addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)).TrimEnd('/') + "/");
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings) => settings.Remove("StatusHub:SiteBaseUrl");

    public HttpClient OriginClient(string key)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false }) { BaseAddress = Origin };
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }
}
