using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Browser.Tests.Infrastructure;
using StatusHub.Server.Hosting;

namespace StatusHub.Browser.Tests;

/// <summary>
/// Issue 18: Atlassian's status widget (<c>@statuspage/status-widget</c>, pinned in package.json) renders a town's
/// status when the town is served at its own origin. The widget resolves <c>/api/v2/summary.json</c> at the root of
/// the origin it is given, so a town folder cannot be its <c>src</c>; in Azure a custom domain or Front Door route per
/// town rewrites <c>/</c> to <c>/{town}/</c> (docs/deploy.md). Here three loopback origins play it through: the hub,
/// a town origin that forwards every path to the hub's <c>/{town}/</c> folder (as that route does, headers included),
/// and a third-party page that embeds the widget from node_modules. Chromium loads the page; the widget fetches the
/// summary across origins (the site's <c>Access-Control-Allow-Origin: *</c> allows it) and shows the town's status.
/// </summary>
public sealed class StatusWidgetTests(StatusWidgetTests.WidgetSite site) : IClassFixture<StatusWidgetTests.WidgetSite>
{
    [Fact]
    public async Task The_widget_on_another_origin_shows_the_status_of_a_town_served_at_its_own_origin()
    {
        var summary = JsonNode.Parse(await site.Site.Client().GetStringAsync($"/{site.Town}/api/v2/summary.json"))!;
        var description = summary["status"]!["description"]!.GetValue<string>();
        var indicator = summary["status"]!["indicator"]!.GetValue<string>();
        Assert.NotEqual("none", indicator);

        var page = await site.NewPageAsync(new());
        var failed = new List<string>();
        page.RequestFailed += (_, request) => failed.Add(request.Url);
        var loaded = await page.GotoAsync(site.EmbeddingOrigin + "/", new() { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.Equal(200, loaded?.Status);

        // Playwright's CSS locators pierce the component's open shadow root.
        var text = page.Locator("statuspage-widget .status-text");
        await Assertions.Expect(text).ToHaveTextAsync(description, new() { Timeout = 15_000 });
        var light = page.Locator("statuspage-widget .status-indicator");
        Assert.Contains(indicator, (await light.GetAttributeAsync("class") ?? "").Split(' '));
        Assert.Empty(failed);

        // The widget asked the town's origin, at its root, and nothing else.
        Assert.Contains(site.TownRequests, path => path == "/api/v2/summary.json");
    }

    [Fact]
    public async Task Without_its_own_origin_the_widget_finds_no_summary()
    {
        // The hub's origin itself as src: the widget asks /api/v2/summary.json at the hub's root, which is no town's.
        var page = await site.NewPageAsync(new());
        await page.GotoAsync(site.EmbeddingOrigin + "/?src=hub", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.WaitForTimeoutAsync(1000);
        Assert.Equal(0, await page.Locator("statuspage-widget .status-text").CountAsync());
    }

    public sealed class WidgetSite : BrowserFixture
    {
        private readonly List<WebApplication> _origins = [];
        private readonly List<string> _townRequests = [];

        public string Town { get; } = Towns.NewSlug("widget");

        public string TownOrigin { get; private set; } = "";

        public string EmbeddingOrigin { get; private set; } = "";

        public IReadOnlyList<string> TownRequests
        {
            get
            {
                lock (_townRequests)
                {
                    return [.. _townRequests];
                }
            }
        }

        protected override async Task PrepareSiteAsync()
        {
            var admin = Site.Client(StatusHubApp.AdminKey);
            await admin.Put($"/api/v1/towns/{Town}", Towns.Profile("Widgetstadt")).Ok(HttpStatusCode.Created);
            await admin.Put($"/api/v1/towns/{Town}/status", Towns.Status("emergency", "Cyberangriff: Notbetrieb")).Ok();
            await Site.RenderAsync();
        }

        protected override async Task BrowserReadyAsync()
        {
            var hub = new HttpClient { BaseAddress = new Uri(Site.Origin + "/") };

            // The town's own origin: every path is the same path under the hub's /{town}/ folder (a Front Door route
            // rewriting / to /{town}/ does this), with the site's status, content type and CORS header.
            TownOrigin = await StartOriginAsync(app => app.Run(async context =>
            {
                lock (_townRequests)
                {
                    _townRequests.Add(context.Request.Path.Value ?? "");
                }

                using var answer = await hub.GetAsync($"{Town}{context.Request.Path.Value}", context.RequestAborted);
                context.Response.StatusCode = (int)answer.StatusCode;
                foreach (var header in new[] { "Access-Control-Allow-Origin", "Cache-Control", "X-Content-Type-Options" })
                {
                    if (answer.Headers.TryGetValues(header, out var values))
                    {
                        context.Response.Headers[header] = values.ToArray();
                    }
                }

                context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
                await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
            }));

            // A third party's page embedding the widget, its script from node_modules (no CDN).
            var widget = Path.Combine(RepositoryRoot.Find(AppContext.BaseDirectory)!, "node_modules", "@statuspage", "status-widget", "dist", "index.js");
            Assert.True(File.Exists(widget), $"{widget} is missing: run npm ci (package.json pins @statuspage/status-widget).");
            EmbeddingOrigin = await StartOriginAsync(app =>
            {
                app.MapGet("/widget.js", () => Results.File(widget, "text/javascript; charset=utf-8"));
                app.MapGet("/", (HttpRequest request) => Results.Content(
                    $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Neighbour</title>"
                    + "<script src=\"/widget.js\"></script></head><body>"
                    + $"<statuspage-widget src=\"{(request.Query["src"] == "hub" ? Site.Origin : TownOrigin)}\"></statuspage-widget></body></html>",
                    "text/html; charset=utf-8"));
            });
        }

        private async Task<string> StartOriginAsync(Action<WebApplication> map)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            map(app);
            await app.StartAsync();
            _origins.Add(app);
            return app.Urls.Single().TrimEnd('/');
        }

        public override async Task DisposeAsync()
        {
            foreach (var origin in _origins)
            {
                await origin.DisposeAsync();
            }

            await base.DisposeAsync();
        }
    }
}
