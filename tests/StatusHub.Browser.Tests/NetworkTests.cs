using Microsoft.Playwright;
using StatusHub.Browser.Tests.Infrastructure;

namespace StatusHub.Browser.Tests;

/// <summary>
/// Issue 4 "Quality budget": no request to any other host (no web fonts, no CDN, no script). Every request a page
/// makes while it loads, and when it is switched to dark mode and to print, must go to the server itself.
/// </summary>
public sealed class NetworkTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    public static TheoryData<string> Pages() => DemoPages.AllPages();

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_requests_nothing_from_another_host(string path)
    {
        var page = site.Page;
        var requests = new List<string>();
        void Record(object? sender, IRequest request)
        {
            lock (requests)
            {
                requests.Add(request.Url);
            }
        }

        await page.EmulateMediaAsync(new() { Media = Media.Screen, ColorScheme = ColorScheme.Light });
        page.Request += Record;
        try
        {
            var response = await page.GotoAsync(site.Site.Url(path), new() { WaitUntil = WaitUntilState.NetworkIdle });
            Assert.True(response?.Status == 200, $"GET {path} answered {response?.Status}, expected 200.");

            // Other media may pull other resources (a dark or print style's background image, a font): lay the page
            // out in each. A request the layout starts is reported before the answer to the evaluation that forced it.
            foreach (var (media, scheme, width) in new[] { (Media.Screen, ColorScheme.Dark, 1280), (Media.Print, ColorScheme.Light, 1280), (Media.Screen, ColorScheme.Light, 320) })
            {
                await page.EmulateMediaAsync(new() { Media = media, ColorScheme = scheme });
                await page.SetViewportSizeAsync(width, 800);
                await page.EvaluateAsync("() => document.body.getBoundingClientRect().height");
            }
        }
        finally
        {
            page.Request -= Record;
            await page.SetViewportSizeAsync(1280, 800);
            await page.EmulateMediaAsync(new() { Media = Media.Screen, ColorScheme = ColorScheme.Light });
        }

        string[] recorded;
        lock (requests)
        {
            recorded = [.. requests];
        }

        Assert.Contains(site.Site.Url(path), recorded);
        var elsewhere = recorded.Where(url => !IsOnServer(url)).ToList();
        Assert.True(elsewhere.Count == 0,
            $"{path} requested {elsewhere.Count} URL(s) not on the server {site.Site.Origin}:{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", elsewhere));
    }

    private bool IsOnServer(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == "data" // inline data (allowed by the pages' CSP img-src), not a request to any host
            || (uri.Scheme == Uri.UriSchemeHttp && uri.Authority == site.Site.Host));
}
