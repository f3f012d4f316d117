using System.Net;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Browser.Tests.Infrastructure;

/// <summary>
/// The demo region plus <see cref="Town"/>, the most a notice can be asked to hold: a 100-character hostile name, a
/// 200-character hostile headline, 30 services with 1,000-character notes in every state, a long website address and
/// eight accepted aid offers from <see cref="Helper"/>, all published through the API and rendered.
/// </summary>
public sealed class NoticeSiteFixture : BrowserFixture
{
    public const string Town = "crowded-town";
    public const string Helper = "crowded-helper";
    public const string Region = "crowded-region";

    private static readonly string[] Catalogue =
    [
        "phone", "fax", "email", "website", "online-services", "citizens-office", "id-documents", "residence-registration",
        "vehicle-registration", "driving-licence", "civil-registry", "business-registration", "building-permits",
        "social-benefits", "payments", "waste-collection",
    ];

    private static readonly string[] States = ["unavailable", "limited", "available", "unknown"];

    protected override async Task PrepareSiteAsync()
    {
        await Site.LoadDemoRegionAsync();
        var admin = Site.Client(StatusHubApp.AdminKey);

        await admin.Put($"/api/v1/towns/{Town}", new
        {
            name = HostileText.Fit(Limits.MaxTownName),
            region = Region,
            defaultLanguage = "de",
            website = "https://www.example.org/" + string.Concat(Enumerable.Repeat("eine-sehr-lange-adresse/", 60)),
            phone = "+49 7000 1234-0",
            neighbours = new[] { Helper },
        }).Ok(HttpStatusCode.Created);
        await admin.Put($"/api/v1/towns/{Helper}", new
        {
            name = HostileText.Fit(Limits.MaxTownName, start: 3),
            region = Region,
            defaultLanguage = "de",
            neighbours = new[] { Town },
        }).Ok(HttpStatusCode.Created);

        await admin.Put($"/api/v1/towns/{Town}/status", new
        {
            level = "offline",
            headline = new { de = HostileText.Fit(Limits.MaxHeadline) },
            summary = new { de = HostileText.All },
        }).Ok();
        await admin.Put($"/api/v1/towns/{Helper}/status", new { level = "normal", headline = new { de = "Alles in Ordnung" } }).Ok();

        var services = Catalogue.Select((id, i) => (object)new { id, state = States[i % 4], note = new { de = HostileText.Fit(Limits.MaxNote, start: i) } })
            .Concat(Enumerable.Range(0, 14).Select(i => new
            {
                id = $"custom-{i}",
                state = States[i % 4],
                name = new { de = HostileText.Fit(Limits.MaxServiceName, start: i) },
                note = new { de = HostileText.Fit(Limits.MaxNote, start: i + 5) },
            }))
            .ToArray();
        Assert.Equal(30, services.Length);
        await admin.Put($"/api/v1/towns/{Town}/services", new { services }).Ok();

        // An offer for every catalogue service the town lacks; the helper has set none, which counts as available.
        var offered = Catalogue.Where((_, i) => i % 4 is 0 or 1).ToList();
        foreach (var service in offered)
        {
            await admin.Put($"/api/v1/towns/{Helper}/aid/offer-{service}", new
            {
                service,
                forTowns = new[] { Town },
                note = new { de = HostileText.Fit(Limits.MaxNote, start: 2) },
            }).Ok();
            await admin.PutAsync($"/api/v1/towns/{Town}/accepted-aid/{Helper}/offer-{service}", null).Ok();
        }

        await Site.RenderAsync();

        var document = await admin.GetAsync($"/api/v1/towns/{Town}").Ok();
        Assert.Equal(offered.Count, document["aid"]!.AsArray().Count);
    }
}
