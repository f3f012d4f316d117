using System.Xml.Linq;
using System.Xml.Schema;
using StatusHub.Core.Domain;
using StatusHub.Core.Rendering.Regions;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>
/// CAP alerts as the German warning ecosystem reads them (docs/cap.md): valid CAP 1.2 with one info per language,
/// the BBK event code, the Regionalschlüssel as SHN geocode and warnVerwaltungsbereiche, NINA's sender parameters,
/// expires, and the sender of the hub's configuration.
/// </summary>
public class CapAlertTests
{
    private static readonly XNamespace Cap = CapAlerts.Ns;
    private static readonly Uri Site = new("https://status.example.org/");
    private static readonly DateTimeOffset AsOf = new(2023, 11, 20, 8, 0, 0, TimeSpan.FromHours(1));

    private static readonly Lazy<XmlSchemaSet> Schema = new(() =>
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(CapAlerts.Ns.NamespaceName, Path.Combine(AppContext.BaseDirectory, "Rendering", "Schemas", "CAP-v1.2.xsd"));
        schemas.Compile();
        return schemas;
    });

    private static TownSnapshot Town(
        TownLevel level = TownLevel.Emergency, LocalizedText? headline = null, string? ags = "08416025", GeoLocation? location = null, string? phone = "+49 7473 370-0") => new(
        new TownProfile("moessingen", "Mössingen", "bw-tuebingen", ags, "de", "https://www.moessingen.de/", phone, [], location ?? new GeoLocation(48.406, 9.057), null),
        new TownStatus(level, headline ?? new LocalizedText { ["de"] = "Cyberangriff: Verwaltung im Notbetrieb" }, new LocalizedText { ["de"] = "Seit 17. November …" }, AsOf, null),
        [], [], [], [], AsOf, "etag");

    private static XDocument Alert(TownSnapshot town, IReadOnlyList<string> languages, CapOptions? options = null) =>
        CapAlerts.Build(town, null, Site, languages, options ?? new CapOptions())!;

    /// <summary>Validates against the CAP 1.2 schema and returns every problem (empty when valid).</summary>
    private static List<string> SchemaProblems(XDocument alert)
    {
        var problems = new List<string>();
        var reparsed = XDocument.Parse(alert.ToString());
        reparsed.Validate(Schema.Value, (_, e) => problems.Add(e.Message));
        return problems;
    }

    private static string Value(XElement parent, string element, string name) =>
        parent.Elements(Cap + element).Single(e => e.Element(Cap + "valueName")!.Value == name).Element(Cap + "value")!.Value;

    [Fact]
    public void The_schema_refuses_what_CAP_refuses()
    {
        // The test's schema must be able to fail: a Z offset, an unknown category and elements out of order.
        var alert = Alert(Town(), ["de"]);
        alert.Root!.Element(Cap + "sent")!.Value = "2023-11-20T07:00:00Z";
        alert.Root.Element(Cap + "info")!.Element(Cap + "category")!.Value = "Cyber";
        var info = alert.Root.Element(Cap + "info")!;
        var eventCode = info.Element(Cap + "eventCode")!;
        eventCode.Remove();
        info.Add(eventCode);

        Assert.True(SchemaProblems(alert).Count >= 3, string.Join(" | ", SchemaProblems(alert)));
    }

    [Fact]
    public void Several_info_blocks_one_per_language_validate_against_CAP_1_2()
    {
        var headline = new LocalizedText
        {
            ["de"] = "Cyberangriff: Verwaltung im Notbetrieb",
            ["en"] = "Cyberattack: administration in emergency operation",
            ["uk"] = "Кібератака: адміністрація працює в аварійному режимі",
            ["ar"] = "هجوم إلكتروني: الإدارة في وضع الطوارئ",
            ["de-x-ls"] = "Die Verwaltung hat ein Problem mit den Computern.",
        };
        var alert = Alert(Town(headline: headline), ["de", "ar", "de-x-ls", "en", "uk"]);

        Assert.Empty(SchemaProblems(alert));
        var infos = alert.Root!.Elements(Cap + "info").ToList();
        Assert.Equal(["de", "ar", "de-x-ls", "en", "uk"], infos.Select(i => i.Element(Cap + "language")!.Value));
        Assert.Equal(headline["uk"], infos[4].Element(Cap + "headline")!.Value);
        Assert.Equal(headline["ar"], infos[1].Element(Cap + "headline")!.Value);
        Assert.Equal("https://status.example.org/moessingen/uk/", infos[4].Element(Cap + "web")!.Value);

        // Leichte Sprache is German: its event and instruction are German, other languages get English.
        Assert.Equal("Verwaltung im Notbetrieb", infos[2].Element(Cap + "event")!.Value);
        Assert.Equal("Administration in emergency operation", infos[1].Element(Cap + "event")!.Value);
    }

    [Theory]
    [InlineData(TownLevel.Emergency)]
    [InlineData(TownLevel.Offline)]
    public void Alerts_without_ags_phone_or_location_still_validate(TownLevel level)
    {
        var town = Town(level, ags: null, phone: null) with { Profile = Town().Profile with { Ags = null, Phone = null, Location = null, Website = null } };

        var alert = Alert(town, ["de", "en"]);

        Assert.Empty(SchemaProblems(alert));
        Assert.DoesNotContain(alert.Descendants(Cap + "valueName"), name => name.Value is "warnVerwaltungsbereiche" or "SHN" or "AGS");
    }

    [Fact]
    public void The_alert_carries_what_NINA_reads()
    {
        var alert = Alert(Town(), ["de"]);
        var info = alert.Root!.Element(Cap + "info")!;

        Assert.Equal("BBK-EVC-001", Value(info, "eventCode", "profile:DE-BBK-EVENTCODE"));
        Assert.Equal("084160000000", Value(info, "parameter", "warnVerwaltungsbereiche"));
        Assert.Equal("Mössingen", Value(info, "parameter", "sender_langname"));
        Assert.Equal("Mössingen\n+49 7473 370-0\nhttps://www.moessingen.de/", Value(info, "parameter", "sender_signature"));
        var area = info.Element(Cap + "area")!;
        Assert.Equal("084160000000", Value(area, "geocode", "SHN"));
        Assert.Equal("08416025", Value(area, "geocode", "AGS"));

        // Expires when the page calls the status out of date: asOf + 3 days, in CAP's date-time form.
        Assert.Equal("2023-11-23T07:00:00+00:00", info.Element(Cap + "expires")!.Value);
        Assert.Equal("statushub@status.example.org", alert.Root.Element(Cap + "sender")!.Value);
    }

    [Fact]
    public void Sender_name_and_event_code_come_from_the_hub_configuration()
    {
        var options = new CapOptions { Sender = "lagezentrum@kreis-tuebingen.de", SenderName = "Landratsamt Tübingen", EventCode = "BBK-EVC-040" };

        var alert = Alert(Town(), ["de"], options);

        Assert.Empty(SchemaProblems(alert));
        Assert.Equal("lagezentrum@kreis-tuebingen.de", alert.Root!.Element(Cap + "sender")!.Value);
        var info = alert.Root.Element(Cap + "info")!;
        Assert.Equal("Landratsamt Tübingen", Value(info, "parameter", "sender_langname"));
        Assert.Equal("BBK-EVC-040", Value(info, "eventCode", "profile:DE-BBK-EVENTCODE"));
        Assert.Equal("Mössingen", info.Element(Cap + "senderName")!.Value);
    }

    [Theory]
    [InlineData("08416025", "084160000000")]
    [InlineData("11000000", "110000000000")]
    [InlineData("09162000", "091620000000")]
    [InlineData(null, null)]
    [InlineData("0841602", null)]
    [InlineData("0841602x", null)]
    public void The_regional_key_is_the_Kreis_ARS_of_the_AGS(string? ags, string? ars) =>
        Assert.Equal(ars, CapAlerts.RegionalKey(ags));

    [Theory]
    [InlineData("lagezentrum@kreis-tuebingen.de", null, "BBK-EVC-001", true)]
    [InlineData("DE-BW-TUE", "Landratsamt Tübingen", "BBK-EVC-040", true)]
    [InlineData("lage zentrum@kreis.de", null, "BBK-EVC-001", false)]
    [InlineData("a,b", null, "BBK-EVC-001", false)]
    [InlineData("a<b", null, "BBK-EVC-001", false)]
    [InlineData("a&b", null, "BBK-EVC-001", false)]
    [InlineData("", null, "BBK-EVC-001", false)]
    [InlineData(null, "Zeile\nzwei", "BBK-EVC-001", false)]
    [InlineData(null, "  ", "BBK-EVC-001", false)]
    [InlineData(null, null, "EVC-1", false)]
    public void Cap_settings_are_checked_at_start(string? sender, string? senderName, string eventCode, bool valid)
    {
        var result = new CapOptionsValidation().Validate(null, new CapOptions { Sender = sender, SenderName = senderName, EventCode = eventCode });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("StatusHub:Cap:", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_headline_is_cut_at_a_word_and_hostile_text_stays_text()
    {
        var headline = string.Join(' ', Enumerable.Repeat("<b>Notbetrieb</b> & \"mehr\"", 12));
        var alert = Alert(Town(headline: new LocalizedText { ["de"] = headline }), ["de"]);

        Assert.Empty(SchemaProblems(alert));
        var shown = alert.Root!.Element(Cap + "info")!.Element(Cap + "headline")!.Value;
        Assert.True(shown.Length <= 160, shown);
        Assert.EndsWith("…", shown, StringComparison.Ordinal);
        Assert.StartsWith(shown[..^1], headline, StringComparison.Ordinal);
        Assert.Contains(headline[shown.Length - 1], " .,;:");
    }
}
