using System.Diagnostics;
using System.Text.Json;
using StatusHub.Core.Rendering;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>The pages are valid HTML5 (and their CSS valid), checked by the Nu HTML Checker from the repository's npm tools.</summary>
public class HtmlValidationTests
{
    [Fact]
    public async Task Demo_hostile_index_region_and_notice_pages_pass_the_nu_html_checker()
    {
        var moessingen = DemoPages.Moessingen();
        var tuebingen = DemoPages.Region("bw-tuebingen");
        var pages = new Dictionary<string, string>
        {
            ["moessingen-de.html"] = await Pages.Html.TownPageAsync(DemoPages.Model(moessingen, "de")),
            ["moessingen-en.html"] = await Pages.Html.TownPageAsync(DemoPages.Model(moessingen, "en")),
            ["hostile.html"] = await Pages.Html.TownPageAsync(Pages.Model(HostileTextTests.Hostile("\"><img src=x onerror=alert(1)></script><script>alert(1)</script>]]>\u202E"))),
            ["rtl-fallback-stale.html"] = await Pages.Html.TownPageAsync(Pages.Model(Pages.Full(), "ar", ["de", "ar"], Pages.AsOf.AddDays(5))),
            ["notice-hostile.html"] = await Pages.Html.NoticePageAsync(Pages.Model(HostileTextTests.Hostile("\"><img src=x onerror=alert(1)></script><script>alert(1)</script>]]></svg>\u202E"))),
            ["notice-crowded.html"] = await Pages.Html.NoticePageAsync(Pages.Model(NoticeTests.Crowded())),
            ["index.html"] = await Pages.Html.SiteIndexAsync(DemoPages.SiteIndex()),
            ["region-bw-tuebingen.html"] = await Pages.Html.RegionPageAsync(tuebingen),
            ["region-bb-potsdam.html"] = await Pages.Html.RegionPageAsync(DemoPages.Region("bb-potsdam")),
            ["region-hostile.html"] = await Pages.Html.RegionPageAsync(HostileTextTests.HostileRegion("\"><img src=x onerror=alert(1)></script><script>alert(1)</script>]]></svg>\u202E", "bw-test")),
            ["incident.html"] = await Pages.Html.IncidentPageAsync(new IncidentPageModel(Incidents.Swit() with { ResolvedAt = Pages.AsOf }, Incidents.Many(12), "de", Pages.Site, Pages.RenderedAt)),
            ["incident-hostile-rtl.html"] = await Pages.Html.IncidentPageAsync(new IncidentPageModel(
                Incidents.Swit() with { Title = Pages.De("\"><img src=x onerror=alert(1)></script>\u202E"), Updates = [new TimelineUpdate("u", Pages.De("# <script>alert(1)</script>"), Pages.AsOf)] },
                [HostileTextTests.Hostile("\"><img src=x onerror=alert(1)></script><script>alert(1)</script>]]>\u202E")], "ar", Pages.Site, Pages.RenderedAt)),
            ["town-incident.html"] = await Pages.Html.TownPageAsync(Pages.Model(Pages.Full() with { Incidents = [Incidents.Swit().ToView(), (Incidents.Swit() with { Id = "alt", ResolvedAt = Pages.AsOf }).ToView()] })),
            ["town-incident-glance-ar.html"] = await Pages.Html.TownPageAsync(Pages.Model(Pages.Full() with { Headline = new(), Incidents = [Incidents.Swit().ToView()] }, "ar", ["de", "ar"])),
            ["region-incidents.html"] = await Pages.Html.RegionPageAsync(tuebingen with
            {
                Towns = tuebingen.Towns.Select(t => t with { Document = t.Document with { Incidents = [Incidents.Swit().ToView(), (Incidents.Swit() with { Id = "alt", ResolvedAt = Pages.AsOf }).ToView()] } }).ToList(),
            }),
            ["region-no-map-no-matrix.html"] = await Pages.Html.RegionPageAsync(tuebingen with
            {
                Towns = tuebingen.Towns.Select(t => t with { Location = null, Document = t.Document with { Services = [], Aid = [] } }).ToList(),
                Gaps = [],
            }),
        };
        foreach (var slug in DemoPages.Slugs())
        {
            var town = slug == "moessingen" ? moessingen : DemoTowns.Load(slug);
            pages[$"notice-{slug}.html"] = await Pages.Html.NoticePageAsync(DemoPages.Model(town, town.Town.DefaultLanguage));
        }

        await AssertValidAsync(pages);
    }

    /// <summary>Issue 20: the pages of the multilingual demo town in each of its languages, a page and an incident page in every language with chrome, and a notice in Arabic.</summary>
    [Fact]
    public async Task Every_language_page_passes_the_nu_html_checker()
    {
        var pages = new Dictionary<string, string>();
        var bodelshausen = DemoTowns.Load("bodelshausen");
        foreach (var language in DemoTowns.Languages(bodelshausen))
        {
            pages[$"bodelshausen-{language}.html"] = await Pages.Html.TownPageAsync(DemoPages.Model(bodelshausen, language));
        }

        foreach (var language in StatusHub.Core.Rendering.Html.Labels.ByLanguage.Keys)
        {
            var document = Pages.Full() with { Headline = new LocalizedText { ["de"] = "Notbetrieb", [language] = "Headline" } };
            pages[$"chrome-{language}.html"] = await Pages.Html.TownPageAsync(Pages.Model(document, language, language == "de" ? ["de"] : ["de", language], Pages.AsOf.AddDays(5)));
            pages[$"incident-{language}.html"] = await Pages.Html.IncidentPageAsync(new IncidentPageModel(Incidents.Swit() with { ResolvedAt = Pages.AsOf }, Incidents.Members(), language, Pages.Site, Pages.RenderedAt));
        }

        var arabicTown = bodelshausen with { Town = bodelshausen.Town with { DefaultLanguage = "ar" } };
        pages["notice-ar.html"] = await Pages.Html.NoticePageAsync(DemoPages.Model(arabicTown, "ar"));

        await AssertValidAsync(pages);
    }

    /// <summary>Writes the pages (file name → HTML) to a temporary folder and checks them all in one run of the Nu HTML Checker.</summary>
    internal static async Task AssertValidAsync(IReadOnlyDictionary<string, string> pages)
    {
        var folder = Directory.CreateTempSubdirectory("statushub-vnu-");
        try
        {
            foreach (var (name, html) in pages)
            {
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, name), html);
            }

            var (exitCode, output) = await RunCheckerAsync(pages.Keys.Select(name => Path.Combine(folder.FullName, name)));

            var messages = ParseMessages(output);
            Assert.True(messages.Count == 0 && exitCode == 0, $"vnu exit code {exitCode}:\n{string.Join('\n', messages)}\n{output}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_publisher_console_page_and_stylesheet_pass_the_nu_html_checker()
    {
        var folder = Directory.CreateTempSubdirectory("statushub-vnu-console-");
        try
        {
            var console = new StatusHub.Core.PublisherConsole.ConsoleFiles(
                Microsoft.Extensions.Options.Options.Create(new StatusHub.Core.PublisherConsole.ConsoleOptions { ApiBaseUrl = "https://func-x.azurewebsites.net" }));
            var html = Path.Combine(folder.FullName, "index.html");
            var css = Path.Combine(folder.FullName, "console.css");
            await File.WriteAllBytesAsync(html, console.Find("publish/")!.Content);
            await File.WriteAllBytesAsync(css, console.Find("publish/console.css")!.Content);

            var (htmlExit, htmlOutput) = await RunCheckerAsync([html]);
            var (cssExit, cssOutput) = await RunCheckerAsync(["--css", css]);

            var messages = ParseMessages(htmlOutput).Concat(ParseMessages(cssOutput)).ToList();
            Assert.True(messages.Count == 0 && htmlExit == 0 && cssExit == 0, $"vnu exit codes {htmlExit}/{cssExit}:\n{string.Join('\n', messages)}\n{htmlOutput}\n{cssOutput}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunCheckerAsync(IEnumerable<string> files)
    {
        var jar = RepositoryFiles.VnuJar;
        if (!File.Exists(jar))
        {
            Assert.Fail($"The Nu HTML Checker is missing at {jar}. Install the repository's npm tools with `npm ci` in {RepositoryFiles.Root}.");
        }

        var start = new ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-jar", jar, "--errors-only", "--format", "json" }.Concat(files))
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            Assert.Fail($"Java is needed to run the Nu HTML Checker but could not be started ({exception.Message}). Install a Java runtime (e.g. apt-get install default-jre-headless).");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, (await stdout) + (await stderr));
        }
    }

    /// <summary>The "error" messages (and fatal ones, which vnu reports as "non-document-error") of vnu's JSON report.</summary>
    private static List<string> ParseMessages(string output)
    {
        var start = output.IndexOf("{\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No JSON report from vnu:\n{output}");
        using var report = JsonDocument.Parse(output[start..]);
        return report.RootElement.GetProperty("messages").EnumerateArray()
            .Where(message => message.GetProperty("type").GetString() is "error" or "non-document-error")
            .Select(message => $"{Path.GetFileName(message.TryGetProperty("url", out var url) ? url.GetString() : "?")}:{(message.TryGetProperty("lastLine", out var line) ? line.GetInt32() : 0)}: {message.GetProperty("message").GetString()}")
            .ToList();
    }
}
