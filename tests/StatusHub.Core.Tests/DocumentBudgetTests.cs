using System.Text.Json;
using StatusHub.Core.Documents;
using StatusHub.Core.Domain;

namespace StatusHub.Core.Tests;

/// <summary>API.md "Limits": whatever a town publishes within the input caps, its status.json stays ≤ 512 KiB.</summary>
public class DocumentBudgetTests
{
    private static readonly string[] Languages = ["de", "en", "uk", "ru", "tr", "ar", "pl", "fr", "es", "de-x-ls"];
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Every text at its cap in every allowed language, in a 3-byte UTF-8 character: the largest a town can write.</summary>
    private static LocalizedText Full(int length, int languages = Limits.MaxLanguagesPerText, char character = '中') =>
        new(Languages.Take(languages).Select(l => KeyValuePair.Create(l, new string(character, length))));

    private static TownSnapshot Snapshot(int languages, char character, int updates) => new(
        new TownProfile("alpha", "Alpha", "test", null, "de", null, null, [], null, null),
        new TownStatus(TownLevel.Emergency, Full(Limits.MaxHeadline, languages, character), Full(Limits.MaxSummary, languages, character), Start, null),
        Enumerable.Range(0, Limits.MaxServices)
            .Select(i => new ServiceEntry($"service-{i}", ServiceState.Limited, Full(Limits.MaxNote, languages, character), Full(Limits.MaxServiceName, languages, character)))
            .ToList(),
        Enumerable.Range(0, Limits.MaxQaItems)
            .Select(i => new QaItem($"q{i}", Full(Limits.MaxQuestion, languages, character), Full(Limits.MaxAnswer, languages, character)))
            .ToList(),
        Enumerable.Range(0, updates)
            .Select(i => new TimelineUpdate($"u{i:000}", Full(Limits.MaxUpdateText, languages, character), Start.AddHours(-i)))
            .ToList(),
        [],
        Start,
        "\"etag\"");

    private static int JsonBytes(TownDocument document) => JsonSerializer.SerializeToUtf8Bytes(document, DocumentJson.Options).Length;

    [Fact]
    public void A_town_at_every_cap_in_every_language_still_fits()
    {
        var document = TownDocument.From(Snapshot(Limits.MaxLanguagesPerText, '中', Limits.MaxUpdates), []);

        Assert.InRange(JsonBytes(document), 1, DocumentBudget.MaxBytes);
        Assert.NotNull(document.Shed);
        Assert.True(document.Shed.BytesBefore > 20 * DocumentBudget.MaxBytes, $"the worst case should be far over the budget, was {document.Shed.BytesBefore}");
        Assert.Equal(document.Shed.BytesAfter, JsonBytes(document));

        // What is left is still the town's status in its default language.
        Assert.Equal(new string('中', Limits.MaxHeadline), document.Headline["de"]);
        Assert.Equal(Limits.MaxServices, document.Services.Count);
    }

    [Fact]
    public void A_town_at_every_cap_with_the_most_shared_incidents_at_their_caps_still_fits_and_keeps_their_titles()
    {
        var incidents = Enumerable.Range(0, IncidentSelection.MaxPerTown)
            .Select(i => new IncidentView(
                $"incident-{i}",
                Full(Limits.MaxHeadline),
                Full(Limits.MaxSummary),
                Start,
                null,
                Enumerable.Range(0, IncidentSelection.LatestUpdates).Select(u => new TimelineUpdate($"u{u}", Full(Limits.MaxUpdateText), Start)).ToList(),
                null))
            .ToList();
        var document = TownDocument.From(Snapshot(Limits.MaxLanguagesPerText, '中', Limits.MaxUpdates) with { Incidents = incidents }, []);

        Assert.InRange(JsonBytes(document), 1, DocumentBudget.MaxBytes);
        Assert.Equal(IncidentSelection.MaxPerTown, document.Incidents.Count);
        Assert.All(document.Incidents, i => Assert.Equal(new string('中', Limits.MaxHeadline), i.Title["de"]));
        Assert.All(document.Incidents, i => Assert.Equal(new string('中', Limits.MaxSummary), i.Summary["de"]));
    }

    [Fact]
    public void A_long_timeline_loses_its_oldest_updates_first_and_nothing_else()
    {
        // 200 updates × 2 languages × 4,000 ASCII characters: 1.6 MB of timeline, everything else small.
        var snapshot = Snapshot(2, 'a', Limits.MaxUpdates) with { Qa = [new QaItem("q", Full(10, 1, 'a'), Full(10, 1, 'a'))], Services = [] };

        var document = TownDocument.From(snapshot, []);

        Assert.InRange(JsonBytes(document), DocumentBudget.MaxBytes - 9000, DocumentBudget.MaxBytes);
        Assert.Equal(snapshot.Updates.Take(document.Updates.Count).Select(u => u.Id), document.Updates.Select(u => u.Id));
        Assert.InRange(document.Updates.Count, 1, Limits.MaxUpdates - 1);
        Assert.Equal(Limits.MaxUpdates - document.Updates.Count, document.Shed!.Updates);
        Assert.Single(document.Qa);
        Assert.Equal(2, document.Summary.Count);
    }

    [Fact]
    public void A_document_within_the_budget_is_left_as_it_is()
    {
        var snapshot = Snapshot(2, 'ü', 10) with { Qa = [], Services = [] };

        var document = TownDocument.From(snapshot, []);

        Assert.Null(document.Shed);
        Assert.Equal(10, document.Updates.Count);
        Assert.Equal(2, document.Headline.Count);
    }

    [Theory]
    [InlineData(60_000)]
    [InlineData(300_000)]
    public void The_prefix_arithmetic_matches_the_serializer(int budget)
    {
        var snapshot = Snapshot(3, 'ö', 60) with { Qa = [], Services = [] };

        var document = DocumentBudget.Fit(TownDocument.From(snapshot, []), budget);

        // The largest prefix that fits: the serializer agrees, and one more update would not have fitted.
        Assert.InRange(document.Updates.Count, 1, snapshot.Updates.Count - 1);
        Assert.InRange(JsonBytes(document), 1, budget);
        Assert.True(JsonBytes(document with { Updates = snapshot.Updates.Take(document.Updates.Count + 1).ToList() }) > budget);
    }
}
