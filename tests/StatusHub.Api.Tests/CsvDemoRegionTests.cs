using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Server.Hosting;

namespace StatusHub.Api.Tests;

/// <summary>
/// The second demo region, samples/suedwestfalen, on its own store: 70 towns from the CSV of <c>statushub towns import</c>,
/// a few with their own status, and one shared incident over all of them; loading it again writes nothing.
/// </summary>
public sealed class CsvDemoRegionTests(CsvDemoRegionApp app) : IClassFixture<CsvDemoRegionApp>
{
    [Fact]
    public async Task Seventy_towns_a_few_with_their_own_status_and_one_incident_over_all()
    {
        var towns = (await app.Client().GetAsync("/api/v1/towns").Ok())["towns"]!.AsArray()
            .Where(t => t!["region"]!.GetValue<string>() == "nrw-suedwestfalen").ToList();
        Assert.Equal(70, towns.Count);
        Assert.Equal("emergency", towns.Single(t => t!["slug"]!.GetValue<string>() == "siegen")!["level"]!.GetValue<string>());
        Assert.Equal("offline", towns.Single(t => t!["slug"]!.GetValue<string>() == "luedenscheid")!["level"]!.GetValue<string>());
        Assert.Equal(65, towns.Count(t => t!["level"]!.GetValue<string>() == "normal"));

        var regions = (await app.Client().GetAsync("/api/v1/regions").Ok())["regions"]!.AsArray();
        var region = regions.Single(r => r!["slug"]!.GetValue<string>() == "nrw-suedwestfalen")!;
        Assert.Equal("Südwestfalen (fiktive Demo-Region)", region["name"]!["de"]!.GetValue<string>());

        var incident = await app.Client().GetAsync("/api/v1/incidents/suedwestfalen-it-demo").Ok();
        Assert.Equal(70, incident["towns"]!.AsArray().Count);
        Assert.Equal(2, incident["updates"]!.AsArray().Count);
        Assert.StartsWith("FIKTIVE DEMO", incident["title"]!["de"]!.GetValue<string>(), StringComparison.Ordinal);
        var olpe = await app.Client().GetAsync("/api/v1/towns/olpe").Ok();
        Assert.Equal("suedwestfalen-it-demo", olpe["incidents"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Loading_again_writes_nothing()
    {
        using var before = await app.Client().GetAsync("/api/v1/towns/bad-berleburg");
        using var siegenBefore = await app.Client().GetAsync("/api/v1/towns/siegen");
        Assert.Equal(70, await app.Services.GetRequiredService<DemoRegionLoader>().LoadCsvRegionAsync(CsvDemoRegionApp.Folder, default));
        using var after = await app.Client().GetAsync("/api/v1/towns/bad-berleburg");
        using var siegenAfter = await app.Client().GetAsync("/api/v1/towns/siegen");
        Assert.Equal(before.ETag(), after.ETag());
        Assert.Equal(siegenBefore.ETag(), siegenAfter.ETag());
        var incident = await app.Client().GetAsync("/api/v1/incidents/suedwestfalen-it-demo").Ok();
        Assert.Equal(2, incident["updates"]!.AsArray().Count);
    }
}

/// <summary>A store holding only the CSV demo region.</summary>
public sealed class CsvDemoRegionApp : StatusHubApp, IAsyncLifetime
{
    public static string Folder => Path.Combine(RepositoryRoot.Find(AppContext.BaseDirectory)!, "samples", "suedwestfalen");

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Assert.Equal(70, await Services.GetRequiredService<DemoRegionLoader>().LoadCsvRegionAsync(Folder, default));
    }
}
