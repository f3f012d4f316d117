using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StatusHub.Browser.Tests.Infrastructure;
using StatusHub.Core.Documents;
using StatusHub.Core.Domain;
using StatusHub.Core.Rendering;
using StatusHub.Core.Rendering.Html;

namespace StatusHub.Browser.Tests;

/// <summary>
/// The page of a shared incident and a member town's incident section (issue 17), in German, English, Arabic (right to
/// left, with the untranslated incident marked German) and Leichte Sprache, rendered by Core's renderer and loaded into
/// Chromium: 0 axe-core violations for WCAG 2.1 A/AA in light and dark mode, and no horizontal scrolling at 320 px. The pages need no server: what the store and the render job put in (the other half of issue 17) is tested
/// through the API; here is only what the renderer makes of it.
/// </summary>
public sealed class IncidentPageTests(IncidentPageTests.ChromiumOnly browser) : IClassFixture<IncidentPageTests.ChromiumOnly>
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static readonly Uri Site = new("http://127.0.0.1/");

    private static readonly DateTimeOffset AsOf = new(2023, 11, 23, 9, 0, 0, TimeSpan.FromHours(1));

    private static readonly HtmlPages HtmlPages = new();

    public static TheoryData<string, string> PagesInBothColourSchemes()
    {
        var data = new TheoryData<string, string>();
        foreach (var page in new[] { "incident", "incident-resolved", "incident-ar", "incident-de-x-ls", "town-section", "town-section-ar", "town-glance" })
        {
            data.Add(page, "light");
            data.Add(page, "dark");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PagesInBothColourSchemes))]
    public async Task Page_has_no_WCAG_2_1_AA_violations(string name, string scheme)
    {
        var page = await browser.PageAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen, ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        await page.SetContentAsync(await RenderAsync(name));
        Assert.NotEmpty(await page.InnerTextAsync("h1"));
        Assert.Equal(1, await page.Locator(name.StartsWith("incident", StringComparison.Ordinal) ? "#towns" : "#incidents").CountAsync());

        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
            ResultTypes = [ResultType.Violations],
        });

        var text = new StringBuilder($"axe-core found {result.Violations.Length} violation(s) on {name} in {scheme} mode:");
        foreach (var violation in result.Violations)
        {
            text.AppendLine().Append($"- {violation.Id}: {violation.Help}: ").AppendJoin(", ", violation.Nodes.Select(n => n.Target?.ToString()));
        }

        Assert.True(result.Violations.Length == 0, text.ToString());
    }

    [Theory]
    [InlineData("incident")]
    [InlineData("incident-ar")]
    [InlineData("incident-de-x-ls")]
    [InlineData("town-section-ar")]
    [InlineData("town-glance")]
    public async Task Page_needs_no_horizontal_scrolling_at_320_px(string name)
    {
        var page = await browser.PageAsync(new() { ViewportSize = new() { Width = 320, Height = 640 } });
        await page.SetContentAsync(await RenderAsync(name));

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

        Assert.True(overflow <= 0, $"{name} scrolls sideways by {overflow} px at 320 px");
    }

    private static async Task<string> RenderAsync(string name)
    {
        var pages = HtmlPages;
        var incident = Incident();
        return name switch
        {
            "incident" => await pages.IncidentPageAsync(new IncidentPageModel(incident, Members(72), "de", Site, AsOf)),
            "incident-resolved" => await pages.IncidentPageAsync(new IncidentPageModel(incident with { ResolvedAt = AsOf }, Members(5), "en", Site, AsOf)),
            "incident-ar" => await pages.IncidentPageAsync(new IncidentPageModel(incident with { ResolvedAt = AsOf }, Members(12), "ar", Site, AsOf)),
            "incident-de-x-ls" => await pages.IncidentPageAsync(new IncidentPageModel(incident, Members(12), "de-x-ls", Site, AsOf)),
            "town-section-ar" => await pages.TownPageAsync(new TownPageModel(Member(incident, headline: true), "ar", ["de", "ar"], Site, AsOf)),
            "town-section" => await pages.TownPageAsync(new TownPageModel(Member(incident, headline: true), "de", ["de"], Site, AsOf)),
            _ => await pages.TownPageAsync(new TownPageModel(Member(incident, headline: false), "de", ["de"], Site, AsOf)),
        };
    }

    private static IncidentDocument Incident() => new(
        "swit-2023",
        new LocalizedText { ["de"] = "Cyberangriff auf den IT-Dienstleister Südwestfalen-IT", ["en"] = "Cyberattack on the IT provider Südwestfalen-IT" },
        new LocalizedText { ["de"] = "Seit 30. Oktober sind die Fachverfahren von 72 Kommunen nicht erreichbar.", ["en"] = "Since 30 October the systems of 72 municipalities have been down." },
        ["burbach", "siegen"],
        new DateTimeOffset(2023, 10, 30, 6, 0, 0, TimeSpan.FromHours(1)),
        null,
        "https://www.sit.nrw/vorfall",
        [
            new TimelineUpdate("i2", new LocalizedText { ["de"] = "**Kfz-Zulassung** läuft über den Nachbarkreis.", ["en"] = "Vehicle registration via the neighbouring district." }, AsOf),
            new TimelineUpdate("i1", new LocalizedText { ["de"] = "Forensik hat begonnen.\n\n- Netz getrennt\n- Backups geprüft" }, AsOf.AddDays(-20)),
        ]);

    private static IReadOnlyList<TownDocument> Members(int count) =>
        Enumerable.Range(1, count).Select(i => Town($"gemeinde-{i}", $"Gemeinde Nummer {i}", (TownLevel)(i % 4), AsOf.AddMinutes(-11 * i), hasHeadline: true)).ToList();

    private static TownDocument Member(IncidentDocument incident, bool headline) =>
        Town("burbach", "Burbach", TownLevel.Emergency, AsOf, headline) with
        {
            Services =
            [
                new ServiceView("phone", ServiceCatalogue.Find("phone")!.Name, ServiceState.Available, new LocalizedText { ["de"] = "Telefonisch erreichbar." }),
                new ServiceView("email", ServiceCatalogue.Find("email")!.Name, ServiceState.Unavailable, new LocalizedText()),
            ],
            Incidents = [incident.ToView(), (incident with { Id = "alt-2022", ResolvedAt = AsOf.AddDays(-2) }).ToView()],
        };

    private static TownDocument Town(string slug, string name, TownLevel level, DateTimeOffset asOf, bool hasHeadline) => new(
        new TownReference(slug, name, "nw-arnsberg", null, "+49 2736 45-0", "de"),
        level,
        hasHeadline ? new LocalizedText { ["de"] = "Verwaltung im Notbetrieb" } : new LocalizedText(),
        new LocalizedText { ["de"] = "Nach dem Angriff auf den Dienstleister arbeitet die Verwaltung eingeschränkt." },
        asOf,
        null,
        [],
        [],
        [],
        []);

    /// <summary>Only Chromium: these pages need no store and no server.</summary>
    public sealed class ChromiumOnly : IAsyncLifetime
    {
        private readonly List<IBrowserContext> _contexts = [];
        private IPlaywright? _playwright;
        private IBrowser? _browser;

        public async Task InitializeAsync() => (_playwright, _browser) = await Chromium.LaunchAsync();

        public async Task<IPage> PageAsync(BrowserNewContextOptions? options = null)
        {
            options ??= new();
            options.ViewportSize ??= new() { Width = 1280, Height = 800 };
            var context = await _browser!.NewContextAsync(options);
            _contexts.Add(context);
            return await context.NewPageAsync();
        }

        public async Task DisposeAsync()
        {
            foreach (var context in _contexts)
            {
                await context.DisposeAsync();
            }

            if (_browser is not null)
            {
                await _browser.DisposeAsync();
            }

            _playwright?.Dispose();
        }
    }
}
