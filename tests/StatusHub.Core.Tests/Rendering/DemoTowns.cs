using System.Text.Json;
using StatusHub.Core.Documents;
using StatusHub.Core.Domain;

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

    /// <summary>The languages with a page: the default first, then every other language any text of the document has.</summary>
    public static IReadOnlyList<string> Languages(TownDocument document)
    {
        var texts = new[] { document.Headline, document.Summary }
            .Concat(document.Services.SelectMany(s => new[] { s.Name, s.Note }))
            .Concat(document.Qa.SelectMany(q => new[] { q.Question, q.Answer }))
            .Concat(document.Updates.Select(u => u.Text));
        var others = texts.SelectMany(text => text.Keys).Where(k => k != document.Town.DefaultLanguage).Distinct().Order(StringComparer.Ordinal);
        return [document.Town.DefaultLanguage, .. others];
    }

    private static LocalizedText Text(JsonElement parent, string property) =>
        parent.TryGetProperty(property, out var value)
            ? new LocalizedText(value.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)))
            : new LocalizedText();

    private static TownLevel Level(string? wire) =>
        EnumNames.TryParseLevel(wire, out var level) ? level : throw new InvalidDataException($"Unknown level {wire}.");

    private static ServiceState State(string? wire) =>
        EnumNames.TryParseState(wire, out var state) ? state : throw new InvalidDataException($"Unknown state {wire}.");
}
