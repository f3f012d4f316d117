using System.Text;
using System.Xml.Linq;
using StatusHub.Core.Aid;
using StatusHub.Core.Documents;
using StatusHub.Core.Domain;
using StatusHub.Core.Rendering;
using StatusHub.Core.Rendering.Regions;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>
/// The town feed as feed readers show it: an author on every feed, plain text where Markdown was written, titles cut at
/// words and never inside markup, hostile text as text, and one entry per language with its xml:lang.
/// </summary>
public class AtomFeedTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Xml = XNamespace.Xml;

    private static XElement Feed(TownDocument document) =>
        XDocument.Parse(Encoding.UTF8.GetString(AtomFeeds.Town(document, Pages.Site, Pages.RenderedAt).Content)).Root!;

    private static XElement UpdateEntry(XElement feed, string id, string? language = null) =>
        feed.Elements(Atom + "entry").Single(e => e.Element(Atom + "id")!.Value.EndsWith($"#update-{id}{(language is null ? "" : "-" + language)}", StringComparison.Ordinal));

    private static TownDocument WithUpdate(string text, string id = "u1") => Pages.Minimal() with
    {
        Updates = [new TimelineUpdate(id, Pages.De(text), Pages.AsOf)],
    };

    [Fact]
    public void Every_town_feed_names_its_author_with_or_without_a_website()
    {
        var withSite = Feed(Pages.Full()).Element(Atom + "author")!;
        Assert.Equal("Musterstadt", withSite.Element(Atom + "name")!.Value);
        Assert.Equal("https://www.musterstadt.de", withSite.Element(Atom + "uri")!.Value);

        var without = Feed(Pages.Minimal()).Element(Atom + "author")!;
        Assert.Equal("Musterstadt", without.Element(Atom + "name")!.Value);
        Assert.Equal("https://status.example.org/musterstadt/", without.Element(Atom + "uri")!.Value);
    }

    [Fact]
    public async Task The_region_feed_and_the_CAP_index_name_their_author()
    {
        var snapshots = DemoTowns.AcceptingEveryOffer(DemoPages.Slugs().Select(DemoTowns.Snapshot).Where(t => t.Profile.Region == "bw-tuebingen").ToList());
        var files = (await new RegionSiteRenderer(Pages.Html).RenderAsync(
            RegionProfile.Unnamed("bw-tuebingen"), snapshots, AidMatcher.Match(snapshots, DemoPages.RenderedAt), new Dictionary<string, CapMessage>(), Pages.Site, DemoPages.RenderedAt))
            .ToDictionary(f => f.Path);

        foreach (var path in new[] { SitePaths.RegionFeedAtom("bw-tuebingen"), SitePaths.RegionCapIndex("bw-tuebingen") })
        {
            var author = XDocument.Parse(Encoding.UTF8.GetString(files[path].Content)).Root!.Element(Atom + "author");
            Assert.NotNull(author);
            Assert.Equal("StatusHub bw-tuebingen", author.Element(Atom + "name")!.Value);
        }
    }

    [Fact]
    public async Task Region_feed_titles_are_cut_at_a_word()
    {
        var headline = string.Join(' ', Enumerable.Repeat("Verwaltung im Notbetrieb,", 8));
        var town = new TownSnapshot(
            new TownProfile("musterstadt", "Musterstadt", "bw-test", "08416025", "de", null, null, [], null, null),
            new TownStatus(TownLevel.Emergency, Pages.De(headline), Pages.De("Text"), Pages.AsOf, null),
            [], [], [], [], Pages.AsOf, "etag");
        var files = await new RegionSiteRenderer(Pages.Html).RenderAsync(
            RegionProfile.Unnamed("bw-test"), [town], AidMatcher.Match([town], Pages.RenderedAt), new Dictionary<string, CapMessage>(), Pages.Site, Pages.RenderedAt);

        var feed = XDocument.Parse(Encoding.UTF8.GetString(files.Single(f => f.Path == SitePaths.RegionFeedAtom("bw-test")).Content)).Root!;
        var title = feed.Element(Atom + "entry")!.Element(Atom + "title")!.Value;
        Assert.True(title.Length <= AtomFeeds.MaxTitleLength, title);
        Assert.EndsWith("Notbetrieb, Verwaltung im…", title, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_in_updates_becomes_plain_text_with_link_targets_kept()
    {
        const string markdown = "Bitte **zuerst telefonisch** melden: [Bürgerbüro](https://www.musterstadt.de/buergerbuero) oder [anrufen](tel:+4974733700).\n\n- Pässe _nur_ mit Termin\n- Kfz in [Nachbarort](https://nachbarort.de)";

        var entry = UpdateEntry(Feed(WithUpdate(markdown)), "u1");
        var content = entry.Element(Atom + "content")!;

        Assert.Equal("text", (string?)content.Attribute("type"));
        Assert.Equal(
            "Bitte zuerst telefonisch melden: Bürgerbüro (https://www.musterstadt.de/buergerbuero) oder anrufen (+4974733700).\n\n- Pässe nur mit Termin\n- Kfz in Nachbarort (https://nachbarort.de)",
            content.Value);
        Assert.Equal("Bitte zuerst telefonisch melden: Bürgerbüro (https://www.musterstadt.de/buergerbuero) oder anrufen (+4974733700).", entry.Element(Atom + "title")!.Value);
    }

    [Fact]
    public void A_long_title_is_cut_at_a_word_never_inside_markup()
    {
        var markdown = "Das Bürgerbüro ist ab Montag wieder geöffnet, Termine gibt es über das Telefon und die Seite "
            + "[Terminvergabe der Stadtverwaltung Musterstadt](https://www.musterstadt.de/termine/buergerbuero/online-terminvergabe) für alle Anliegen.";

        var title = UpdateEntry(Feed(WithUpdate(markdown)), "u1").Element(Atom + "title")!.Value;

        Assert.True(title.Length <= AtomFeeds.MaxTitleLength, title);
        Assert.EndsWith("…", title, StringComparison.Ordinal);
        Assert.DoesNotContain("[", title, StringComparison.Ordinal);
        Assert.DoesNotContain("](", title, StringComparison.Ordinal);
        var plain = Core.Rendering.Html.SafeMarkdown.ToPlainText(markdown);
        Assert.StartsWith(title[..^1], plain, StringComparison.Ordinal);
        Assert.Equal(' ', plain[title.Length - 1]);
    }

    [Theory]
    [InlineData("<script>alert(1)</script> **fett**", "<script>alert(1)</script> fett")]
    [InlineData("]]><x/> & &amp; \"q\"", "]]><x/> & & \"q\"")]
    [InlineData("[click](javascript:alert(1)) ![bild](https://evil.example/x.png)", "click bild")]
    [InlineData("# Überschrift\n\nText", "Überschrift\n\nText")]
    [InlineData("`code` und \\*kein fett\\*", "code und *kein fett*")]
    public void Hostile_and_markdown_heavy_text_stays_text(string markdown, string expected)
    {
        var feed = Feed(WithUpdate(markdown));

        var entry = UpdateEntry(feed, "u1");
        Assert.Equal(expected, entry.Element(Atom + "content")!.Value);
        Assert.Empty(entry.Element(Atom + "content")!.Elements());
        Assert.DoesNotContain("**", entry.Element(Atom + "title")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_language_has_its_own_entries_with_xml_lang()
    {
        var document = Pages.Full() with
        {
            Headline = new LocalizedText { ["de"] = "Notbetrieb", ["uk"] = "Аварійний режим", ["ar"] = "وضع الطوارئ" },
            Updates = [new TimelineUpdate("u1", new LocalizedText { ["de"] = "Telefone gehen **wieder**.", ["uk"] = "Телефони **знову** працюють." }, Pages.AsOf)],
        };

        var feed = Feed(document);

        Assert.Equal("de", (string?)feed.Attribute(Xml + "lang"));
        var status = feed.Elements(Atom + "entry").Where(e => e.Element(Atom + "id")!.Value.Contains("#status-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["de", "ar", "uk"], status.Select(e => (string?)e.Attribute(Xml + "lang")));
        Assert.EndsWith(": Аварійний режим", status[2].Element(Atom + "title")!.Value, StringComparison.Ordinal);
        Assert.EndsWith("/musterstadt/uk/", status[2].Element(Atom + "link")!.Attribute("href")!.Value, StringComparison.Ordinal);
        Assert.EndsWith("/musterstadt/", status[0].Element(Atom + "link")!.Attribute("href")!.Value, StringComparison.Ordinal);

        var ukrainian = UpdateEntry(feed, "u1", "uk");
        Assert.Equal("uk", (string?)ukrainian.Attribute(Xml + "lang"));
        Assert.Equal("Телефони знову працюють.", ukrainian.Element(Atom + "content")!.Value);
        Assert.Equal("de", (string?)UpdateEntry(feed, "u1").Attribute(Xml + "lang"));
        Assert.Equal(5, feed.Elements(Atom + "entry").Count());
        Assert.Equal(5, feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value).Distinct().Count());
    }
}
