using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using StatusHub.Core.Aid;
using StatusHub.Core.Domain;
using StatusHub.Core.Rendering;
using StatusHub.Core.Rendering.Regions;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>The region's display name in its feeds and CAP index: well-formed XML whatever the name holds; the slug without one.</summary>
public class RegionOutputNameTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static async Task<IReadOnlyDictionary<string, SiteFile>> RenderAsync(RegionProfile region)
    {
        var snapshots = DemoTowns.AcceptingEveryOffer(DemoPages.Slugs().Select(DemoTowns.Snapshot).Where(t => t.Profile.Region == region.Slug).ToList());
        var files = await new RegionSiteRenderer(Pages.Html).RenderAsync(
            region, snapshots, AidMatcher.Match(snapshots, DemoPages.RenderedAt), new Dictionary<string, CapMessage>(), Pages.Site, DemoPages.RenderedAt);
        return files.ToDictionary(f => f.Path);
    }

    private static string Title(SiteFile file) => XDocument.Parse(Encoding.UTF8.GetString(file.Content)).Root!.Element(Atom + "title")!.Value;

    [Fact]
    public async Task Feeds_and_the_CAP_index_carry_the_German_name_as_text_and_feed_json_the_language_map()
    {
        // Markup characters, quotes and a character XML 1.0 cannot hold (validation refuses it; the writers must not break on it).
        var hostile = "Landkreis <Tübingen> & \"Umland\" ]]> \uFFFE";
        var files = await RenderAsync(new RegionProfile("bw-tuebingen", new LocalizedText { ["de"] = hostile, ["en"] = "Tübingen district" }));

        var expected = "Landkreis <Tübingen> & \"Umland\" ]]> ";
        Assert.Equal($"StatusHub: {expected}", Title(files[SitePaths.RegionFeedAtom("bw-tuebingen")]));
        Assert.Equal($"StatusHub CAP: {expected}", Title(files[SitePaths.RegionCapIndex("bw-tuebingen")]));
        var feed = JsonNode.Parse(files[SitePaths.RegionFeedJson("bw-tuebingen")].Content)!;
        Assert.Equal("bw-tuebingen", feed["region"]!.GetValue<string>());
        Assert.Equal(hostile, feed["name"]!["de"]!.GetValue<string>());
        Assert.Equal("Tübingen district", feed["name"]!["en"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_name_the_outputs_name_the_region_by_its_slug()
    {
        var files = await RenderAsync(RegionProfile.Unnamed("bw-tuebingen"));

        Assert.Equal("StatusHub: bw-tuebingen", Title(files[SitePaths.RegionFeedAtom("bw-tuebingen")]));
        Assert.Equal("StatusHub CAP: bw-tuebingen", Title(files[SitePaths.RegionCapIndex("bw-tuebingen")]));
        Assert.Equal("bw-tuebingen", JsonNode.Parse(files[SitePaths.RegionFeedJson("bw-tuebingen")].Content)!["name"]!["de"]!.GetValue<string>());
    }
}
