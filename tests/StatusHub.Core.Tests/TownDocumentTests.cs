using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using StatusHub.Core.Documents;
using StatusHub.Core.Domain;

namespace StatusHub.Core.Tests;

public class TownDocumentTests
{
    private const string InternalContact = "IT-Leitung Herr Geheim";
    private const string InternalPhone = "+49 7473 999-111";
    private const string InternalNotes = "Notfall-Handy liegt im Tresor";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private static TownSnapshot Snapshot(params ServiceEntry[] services) => new(
        new TownProfile(
            "moessingen",
            "Mössingen",
            "bw-tuebingen",
            "08416025",
            "de",
            "https://www.moessingen.de/",
            "+49 7473 370-0",
            ["nehren"],
            new GeoLocation(48.406, 9.057),
            new InternalContact(InternalContact, InternalPhone, InternalNotes)),
        new TownStatus(
            TownLevel.Emergency,
            new LocalizedText { ["de"] = "Notbetrieb" },
            new LocalizedText(),
            new DateTimeOffset(2023, 11, 20, 7, 0, 0, TimeSpan.Zero),
            null),
        services,
        [new QaItem("email", new LocalizedText { ["de"] = "E-Mail?" }, new LocalizedText { ["de"] = "Nein." })],
        [new TimelineUpdate("u1", new LocalizedText { ["de"] = "Update" }, new DateTimeOffset(2023, 11, 20, 8, 0, 0, TimeSpan.Zero))],
        [],
        new DateTimeOffset(2023, 11, 20, 8, 0, 0, TimeSpan.Zero),
        "\"etag\"");

    [Theory]
    [InlineData(InternalContact)]
    [InlineData(InternalPhone)]
    [InlineData(InternalNotes)]
    [InlineData("internal")]
    public void Serialized_document_never_contains_internal_fields(string secret)
    {
        var document = TownDocument.From(Snapshot(new ServiceEntry("email", ServiceState.Unavailable, new LocalizedText(), null)), []);

        var json = JsonSerializer.Serialize(document, Json);

        Assert.Contains("Mössingen", json, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Document_carries_the_public_profile()
    {
        var document = TownDocument.From(Snapshot(), []);

        Assert.Equal("moessingen", document.Town.Slug);
        Assert.Equal("Mössingen", document.Town.Name);
        Assert.Equal("bw-tuebingen", document.Town.Region);
        Assert.Equal("https://www.moessingen.de/", document.Town.Website);
        Assert.Equal("+49 7473 370-0", document.Town.Phone);
        Assert.Equal(TownLevel.Emergency, document.Level);
        Assert.Equal("Notbetrieb", document.Headline["de"]);
        Assert.Single(document.Qa);
        Assert.Single(document.Updates);
    }

    [Fact]
    public void Catalogue_service_gets_its_catalogue_name()
    {
        var document = TownDocument.From(Snapshot(new ServiceEntry("vehicle-registration", ServiceState.Unavailable, new LocalizedText(), null)), []);

        var view = Assert.Single(document.Services);
        Assert.Equal("vehicle-registration", view.Id);
        Assert.Equal(ServiceState.Unavailable, view.State);
        Assert.Equal(ServiceCatalogue.Find("vehicle-registration")!.Name, view.Name);
        Assert.Equal("Kfz-Zulassung", view.Name["de"]);
        Assert.Equal("Vehicle registration", view.Name["en"]);
    }

    [Fact]
    public void Custom_service_keeps_its_own_name()
    {
        var name = new LocalizedText { ["de"] = "Kita-Anmeldung", ["uk"] = "Реєстрація в дитсадку" };
        var note = new LocalizedText { ["de"] = "Nur telefonisch." };

        var document = TownDocument.From(Snapshot(new ServiceEntry("kita-anmeldung", ServiceState.Limited, note, name)), []);

        var view = Assert.Single(document.Services);
        Assert.Equal("kita-anmeldung", view.Id);
        Assert.Equal(name, view.Name);
        Assert.Equal("Nur telefonisch.", view.Note["de"]);
    }

    [Fact]
    public void Services_keep_snapshot_order_and_aid_is_passed_through()
    {
        AidMatchView[] aid =
        [
            new("vehicle-registration", new ProviderReference("ofterdingen", "Ofterdingen"), new LocalizedText { ["de"] = "Termin nötig." }, null),
        ];

        var document = TownDocument.From(
            Snapshot(
                new ServiceEntry("email", ServiceState.Unavailable, new LocalizedText(), null),
                new ServiceEntry("phone", ServiceState.Available, new LocalizedText(), null)),
            aid);

        Assert.Equal(["email", "phone"], document.Services.Select(s => s.Id));
        Assert.Equal(aid, document.Aid);
    }
}
