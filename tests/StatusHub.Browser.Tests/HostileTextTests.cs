using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Browser.Tests.Infrastructure;

namespace StatusHub.Browser.Tests;

/// <summary>
/// Issue 4 "Tests" and issue 7 "Hostile input everywhere": a town whose every text field holds hostile strings,
/// published through the API and rendered, is shown as text in Chromium: no dialog opens, no script runs, no
/// element or event handler is injected, and the text reads exactly as it was sent. Each page is checked twice: as
/// citizens get it (with its Content-Security-Policy), and with the CSP bypassed, so that escaping alone must hold.
/// </summary>
public sealed class HostileTextTests(HostileSiteFixture site) : IClassFixture<HostileSiteFixture>
{
    public static TheoryData<string, bool> PagesWithAndWithoutCsp()
    {
        var data = new TheoryData<string, bool>();
        foreach (var path in HostileSiteFixture.Pages)
        {
            data.Add(path, true);
            data.Add(path, false);
        }

        return data;
    }

    /// <summary>Everything on the page that could run or was injected, collected in the page.</summary>
    private const string Inspect = """
        () => {
          const scripts = [...document.querySelectorAll('script')].map(s => s.type || '(no type)');
          const handlers = [];
          const schemeUrls = [];
          for (const element of document.querySelectorAll('*')) {
            for (const attribute of element.attributes) {
              const name = attribute.name.toLowerCase();
              if (name.startsWith('on')) handlers.push(element.tagName.toLowerCase() + '[' + name + ']');
              if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data', 'poster', 'background', 'srcset'].includes(name)) {
                const value = attribute.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
                if (/^(javascript|vbscript|data):/.test(value) || name === 'srcdoc') schemeUrls.push(element.tagName.toLowerCase() + '[' + name + '=' + attribute.value.slice(0, 60) + ']');
              }
            }
          }
          const dangerous = 'img,iframe,frame,frameset,object,embed,applet,form,input,button,textarea,select,base,video,audio,source,math,template,portal,foreignObject,use,animate,set,body style,body link,body meta,meta[http-equiv=refresh]';
          const injected = [...document.querySelectorAll(dangerous)].map(e => e.outerHTML.slice(0, 100));
          const strangeSvg = [...document.querySelectorAll('svg')]
            .filter(s => s.getAttribute('aria-hidden') !== 'true' && !s.classList.contains('map'))
            .map(s => s.outerHTML.slice(0, 100));
          return {
            pwned: typeof window.__pwned === 'undefined' && typeof window.parent.__pwned === 'undefined' ? 'undefined' : typeof (window.__pwned ?? window.parent.__pwned),
            scripts,
            handlers,
            schemeUrls,
            injected: injected.concat(strangeSvg),
            text: document.body.innerText,
            headline: document.querySelector('h1') ? document.querySelector('h1').textContent : null,
          };
        }
        """;

    [Theory]
    [MemberData(nameof(PagesWithAndWithoutCsp))]
    public async Task Hostile_text_is_shown_as_text_and_nothing_runs(string path, bool withCsp)
    {
        var page = withCsp ? site.Page : site.PageWithoutCsp;
        site.Dialogs.Clear();
        await site.OpenAsync(path, page);
        var found = await InspectAsync(page);
        var where = $"{path} ({(withCsp ? "with its CSP" : "CSP bypassed")})";

        Assert.True(site.Dialogs.IsEmpty, $"{where}: a dialog opened: {string.Join(" | ", site.Dialogs)}");
        Assert.True(found.Pwned == "undefined", $"{where}: window.__pwned is {found.Pwned}: injected script ran");
        Assert.True(found.Scripts.All(type => type == "application/ld+json"), $"{where}: script elements other than JSON-LD: {string.Join(", ", found.Scripts)}");
        Assert.True(found.Scripts.Count <= 1, $"{where}: {found.Scripts.Count} JSON-LD scripts, expected at most one");
        if (HostileSiteFixture.TownPages.Contains(path))
        {
            Assert.True(found.Scripts.Count == 1, $"{where}: a town page must have its one JSON-LD script");
        }

        Assert.True(found.Handlers.Count == 0, $"{where}: elements with event handler attributes: {string.Join(", ", found.Handlers)}");
        Assert.True(found.SchemeUrls.Count == 0, $"{where}: javascript:/vbscript:/data: URLs or srcdoc: {string.Join(", ", found.SchemeUrls)}");
        Assert.True(found.Injected.Count == 0, $"{where}: injected elements:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", found.Injected)}");

        // Shown as text, character for character: neither dropped nor escaped twice.
        foreach (var expected in site.ExpectedText[path])
        {
            Assert.True(found.Text.Contains(expected, StringComparison.Ordinal), $"{where}: the page text lacks {JsonSerializer.Serialize(expected)}");
        }

        if (site.ExpectedHeadline.TryGetValue(path, out var headline))
        {
            Assert.Equal(headline, found.Headline);
        }
    }

    /// <summary>The checks above would see an injection: a page that has one fails each of them.</summary>
    [Fact]
    public async Task The_checks_catch_an_injection_when_there_is_one()
    {
        var page = site.PageWithoutCsp;
        site.Dialogs.Clear();
        await page.SetContentAsync(
            "<!DOCTYPE html><html><body><h1>x</h1><img src=x onerror=\"window.__pwned=1;alert(1)\"><svg onload=alert(2)></svg>"
            + "<script>document.title='ran'</script><a href=\" javascript:alert(3)\">a</a><details><summary>q</summary><p>&lt;b&gt;</p></details></body></html>");
        var found = await InspectAsync(page);

        Assert.False(site.Dialogs.IsEmpty);
        Assert.Equal("number", found.Pwned);
        Assert.Contains("(no type)", found.Scripts);
        Assert.Contains("img[onerror]", found.Handlers);
        Assert.Contains("svg[onload]", found.Handlers);
        Assert.Single(found.SchemeUrls);
        Assert.Contains(found.Injected, element => element.StartsWith("<img", StringComparison.Ordinal));
        Assert.Contains(found.Injected, element => element.StartsWith("<svg", StringComparison.Ordinal));
        Assert.Contains("<b>", found.Text);
        site.Dialogs.Clear();
    }

    /// <summary>Opens every collapsed answer, goes to the bottom, and collects everything that could run or was injected.</summary>
    private static async Task<Inspection> InspectAsync(IPage page)
    {
        await page.EvaluateAsync("() => { document.querySelectorAll('details').forEach(d => d.open = true); window.scrollTo(0, document.body.scrollHeight); }");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var found = await page.EvaluateAsync<JsonElement>(Inspect);
        return new Inspection(
            found.GetProperty("pwned").GetString()!,
            Strings(found, "scripts"),
            Strings(found, "handlers"),
            Strings(found, "schemeUrls"),
            Strings(found, "injected"),
            found.GetProperty("text").GetString()!,
            found.GetProperty("headline").GetString());
    }

    [Theory]
    [MemberData(nameof(TownPageData))]
    public async Task Json_ld_of_a_hostile_town_page_parses_and_holds_the_text_verbatim(string path)
    {
        await site.OpenAsync(path);
        var json = await site.Page.EvaluateAsync<string>("() => document.querySelector('script[type=\"application/ld+json\"]').textContent");
        using var document = JsonDocument.Parse(json);
        Assert.Equal(site.ExpectedHeadline[path], document.RootElement.GetProperty("name").GetString());
        Assert.Equal(HostileText.Stored(path.StartsWith("/hostile-helper/", StringComparison.Ordinal) ? HostileSiteFixture.HelperName : HostileSiteFixture.TownName),
            document.RootElement.GetProperty("publisher").GetProperty("name").GetString());
    }

    public static TheoryData<string> TownPageData()
    {
        var data = new TheoryData<string>();
        foreach (var path in HostileSiteFixture.TownPages)
        {
            data.Add(path);
        }

        return data;
    }

    [Theory]
    [InlineData("website")]
    [InlineData("moreInfoUrl")]
    public async Task Script_urls_are_refused_by_the_api_and_change_nothing(string field)
    {
        var admin = site.Site.Client(StatusHubApp.AdminKey);
        var before = await admin.GetStringAsync($"/api/v1/towns/{HostileSiteFixture.Town}");
        foreach (var url in new[] { "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "JAVASCRIPT:alert(1)" })
        {
            using var response = field == "website"
                ? await admin.Put($"/api/v1/towns/{HostileSiteFixture.Town}", HostileSiteFixture.TownProfile(url))
                : await admin.Put($"/api/v1/towns/{HostileSiteFixture.Town}/status", HostileSiteFixture.TownStatus(url));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field} = {url}: {(int)response.StatusCode}");
        }

        Assert.Equal(before, await admin.GetStringAsync($"/api/v1/towns/{HostileSiteFixture.Town}"));
    }

    private static List<string> Strings(JsonElement found, string property) =>
        [.. found.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

    private sealed record Inspection(
        string Pwned, List<string> Scripts, List<string> Handlers, List<string> SchemeUrls, List<string> Injected, string Text, string? Headline);
}
