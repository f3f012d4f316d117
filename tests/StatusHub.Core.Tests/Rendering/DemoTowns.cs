using System.Text.Json;
using StatusHub.Core.Documents;
using StatusHub.Core.Domain;
using StatusHub.Core.Rendering;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>Maps a demo file (samples/demo/towns/{slug}.json) to the public town document, as the API would after publishing it.</summary>
internal static class DemoTowns
{
    public static TownDocument Load(string slug, IReadOnlyList<AidMatchView>? aid = null)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.DemoTown(slug)));
        var root = json.RootElement;
        var town = root.GetProperty("town");
        var status = root.GetProperty("status");

        var services = root.GetProperty("services").EnumerateArray()
            .Select(service => ServiceView.From(new ServiceEntry(
                service.GetProperty("id").GetString()!,
                State(service.GetProperty("state").GetString()),
                Text(service, "note"),
                null)))
            .ToList();
        var qa = root.GetProperty("qa").EnumerateArray()
            .Select(item => new QaItem(item.GetProperty("id").GetString()!, Text(item, "question"), Text(item, "answer")))
            .ToList();
        var updates = root.GetProperty("updates").EnumerateArray()
            .Select((update, index) => new TimelineUpdate($"u{index + 1}", Text(update, "text"), update.GetProperty("at").GetDateTimeOffset()))
            .ToList();

        return new TownDocument(
            new TownReference(
                root.GetProperty("slug").GetString()!,
                town.GetProperty("name").GetString()!,
                town.GetProperty("region").GetString()!,
                town.GetProperty("website").GetString(),
                town.GetProperty("phone").GetString(),
                town.GetProperty("defaultLanguage").GetString()!),
            Level(status.GetProperty("level").GetString()),
            Text(status, "headline"),
            Text(status, "summary"),
            status.GetProperty("asOf").GetDateTimeOffset(),
            status.TryGetProperty("moreInfoUrl", out var moreInfo) ? moreInfo.GetString() : null,
            services,
            qa,
            updates,
            aid ?? []);
    }

    /// <summary>The towns as the demo loader leaves them: every offer accepted by each of the towns it is for.</summary>
    public static List<TownSnapshot> AcceptingEveryOffer(IReadOnlyList<TownSnapshot> towns) =>
        towns.Select(receiver => receiver with
        {
            AcceptedAid = towns
                .SelectMany(p => p.Offers.Where(o => o.Receivers(p.Profile).Contains(receiver.Profile.Slug))
                    .Select(o => new AidAcceptance(p.Profile.Slug, o.Id, o.Terms, receiver.UpdatedAt, "admin")))
                .ToList(),
        }).ToList();

    /// <summary>Everything stored for a demo town, as the API would hold it after the demo was published (offers from its "aid" array).</summary>
    public static TownSnapshot Snapshot(string slug)
    {
        var document = Load(slug);
        using var json = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.DemoTown(slug)));
        var town = json.RootElement.GetProperty("town");
        var location = town.TryGetProperty("location", out var place)
            ? new GeoLocation(place.GetProperty("lat").GetDouble(), place.GetProperty("lon").GetDouble())
            : null;
        var profile = new TownProfile(
            document.Town.Slug,
            document.Town.Name,
            document.Town.Region,
            town.GetProperty("ags").GetString(),
            document.Town.DefaultLanguage,
            document.Town.Website,
            document.Town.Phone,
            town.GetProperty("neighbours").EnumerateArray().Select(n => n.GetString()!).ToList(),
            location,
            null);
        var offers = json.RootElement.TryGetProperty("aid", out var aid)
            ? aid.EnumerateArray()
                .Select(offer => new AidOffer(
                    offer.GetProperty("id").GetString()!,
                    offer.GetProperty("service").GetString()!,
                    offer.TryGetProperty("forTowns", out var forTowns) ? forTowns.EnumerateArray().Select(t => t.GetString()!).ToList() : [],
                    Text(offer, "note"),
                    offer.TryGetProperty("validUntil", out var until) ? until.GetDateTimeOffset() : null))
                .ToList()
            : [];
        var services = document.Services.Select(s => new ServiceEntry(s.Id, s.State, s.Note, null)).ToList();
        var status = new TownStatus(document.Level, document.Headline, document.Summary, document.AsOf, document.MoreInfoUrl);
        return new TownSnapshot(profile, status, services, document.Qa, document.Updates, offers, document.AsOf!.Value, "demo");
    }

    /// <summary>The languages with a page, as the renderer decides them: the default first, then every other language of the headline.</summary>
    public static IReadOnlyList<string> Languages(TownDocument document) => TownSiteRenderer.LanguagesOf(document);

    private static LocalizedText Text(JsonElement parent, string property) =>
        parent.TryGetProperty(property, out var value)
            ? new LocalizedText(value.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)))
            : new LocalizedText();

    private static TownLevel Level(string? wire) =>
        EnumNames.TryParseLevel(wire, out var level) ? level : throw new InvalidDataException($"Unknown level {wire}.");

    private static ServiceState State(string? wire) =>
        EnumNames.TryParseState(wire, out var state) ? state : throw new InvalidDataException($"Unknown state {wire}.");
}
