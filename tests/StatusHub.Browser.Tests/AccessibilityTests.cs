using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StatusHub.Browser.Tests.Infrastructure;
using Xunit.Abstractions;

namespace StatusHub.Browser.Tests;

/// <summary>
/// Issue 4 "Quality budget": 0 axe-core violations for WCAG 2.0/2.1 A and AA (BITV 2.0) on every page of the demo
/// region (each town page in German and English, the site index, the region pages), in light and in dark mode.
/// </summary>
public sealed class AccessibilityTests(DemoSiteFixture site, ITestOutputHelper output) : IClassFixture<DemoSiteFixture>
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>WCAG relative luminance of the page background (body, or html where body is transparent).</summary>
    private const string BackgroundLuminance = """
        () => {
          const colour = [document.body, document.documentElement].map(e => getComputedStyle(e).backgroundColor)
            .find(c => !/^rgba\(.*, 0\)$|^transparent$/.test(c)) || 'rgb(255, 255, 255)';
          const [r, g, b] = colour.match(/[\d.]+/g).slice(0, 3).map(Number)
            .map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        }
        """;

    public static TheoryData<string, string> PagesInBothColourSchemes()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in DemoPages.AllPaths)
        {
            data.Add(path, "light");
            data.Add(path, "dark");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PagesInBothColourSchemes))]
    public async Task Page_has_no_WCAG_2_1_AA_violations(string path, string scheme)
    {
        var page = site.Page;
        await page.EmulateMediaAsync(new() { Media = Media.Screen, ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        await site.OpenAsync(path);
        Assert.True(await page.EvaluateAsync<bool>($"matchMedia('(prefers-color-scheme: {scheme})').matches"), $"{scheme} mode is not emulated");

        // The page follows prefers-color-scheme, so axe checks the dark palette in dark mode, not the light one again.
        var background = await page.EvaluateAsync<double>(BackgroundLuminance);
        Assert.True(scheme == "dark" ? background < 0.2 : background > 0.5,
            $"{path} in {scheme} mode has a page background of relative luminance {background:0.00}: it does not follow prefers-color-scheme");

        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },

            // Full node lists for violations only: listing every passing node of every rule costs seconds per page.
            ResultTypes = [ResultType.Violations],
        });

        foreach (var incomplete in result.Incomplete)
        {
            output.WriteLine($"needs review (not a violation): {incomplete.Id}: {incomplete.Help}; e.g. {incomplete.Nodes.FirstOrDefault()?.Target}: "
                + string.Join(" / ", (incomplete.Nodes.FirstOrDefault()?.Any ?? []).Select(check => check.Message)));
        }

        Assert.True(result.Violations.Length == 0, Describe(path, scheme, result.Violations));
    }

    private static string Describe(string path, string scheme, AxeResultItem[] violations)
    {
        var text = new StringBuilder($"axe-core found {violations.Length} WCAG 2.1 A/AA violation(s) on {path} in {scheme} mode:");
        foreach (var violation in violations)
        {
            text.AppendLine().Append($"- {violation.Id} (impact: {violation.Impact ?? "n/a"}): {violation.Help} [{violation.HelpUrl}]");
            foreach (var node in violation.Nodes)
            {
                text.AppendLine().Append($"    target: {node.Target}  html: {Shorten(node.Html)}");
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? [])
                    .Select(check => check.Message).Where(message => !string.IsNullOrWhiteSpace(message)).Distinct().ToList();
                if (checks.Count > 0)
                {
                    text.AppendLine().Append("      ").Append(string.Join(" / ", checks).ReplaceLineEndings(" "));
                }
            }
        }

        return text.ToString();
    }

    private static string Shorten(string? html) =>
        html is null ? "" : html.Length <= 160 ? html : html[..160] + "…";
}
