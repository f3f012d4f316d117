using System.Text.Json;

namespace StatusHub.Core.Documents;

/// <summary>
/// The one place that keeps a town's public document within <see cref="MaxBytes"/> (API.md "Limits": whatever a town
/// publishes, its <c>status.json</c> stays ≤ 512 KiB). Every input cap holds on its own, but 200 updates × 10 languages ×
/// 4,000 characters together would not fit, so a document over the budget sheds, in this order, what a citizen needs
/// least: the oldest timeline updates, then Q&amp;A from the end, then aid notes and the last aid matches, then the
/// translations of service notes, then service notes, then every translation, then the shared incidents' updates and
/// translations. What is left always fits: the default
/// language alone is bounded by the caps to well under the budget. The page, the feeds and the API read the same
/// fitted document, so no output shows more than <c>status.json</c>.
/// </summary>
public static class DocumentBudget
{
    public const int MaxBytes = 512 * 1024;

    /// <summary>The document itself when it fits in <paramref name="maxBytes"/>, otherwise the largest reduction (in the order above) that does.</summary>
    public static TownDocument Fit(TownDocument document, int maxBytes = MaxBytes)
    {
        if (Size(document) <= maxBytes)
        {
            return document;
        }

        var language = document.Town.DefaultLanguage;
        var original = document;
        document = KeepFirst(document, document.Updates, (d, kept) => d with { Updates = kept }, maxBytes);
        document = Done(document, maxBytes) ? document : KeepFirst(document, document.Qa, (d, kept) => d with { Qa = kept }, maxBytes);
        document = Done(document, maxBytes) ? document : document with { Aid = document.Aid.Select(a => a with { Note = new LocalizedText() }).ToList() };
        document = Done(document, maxBytes) ? document : KeepFirst(document, document.Aid, (d, kept) => d with { Aid = kept }, maxBytes);
        document = Done(document, maxBytes) ? document : document with { Services = document.Services.Select(s => s with { Note = Only(s.Note, language) }).ToList() };
        document = Done(document, maxBytes) ? document : document with { Services = document.Services.Select(s => s with { Note = new LocalizedText() }).ToList() };
        document = Done(document, maxBytes)
            ? document
            : document with
            {
                Headline = Only(document.Headline, language),
                Summary = Only(document.Summary, language),
                Services = document.Services.Select(s => s with { Name = Only(s.Name, language) }).ToList(),
            };

        // Shared incidents (at most IncidentSelection.MaxPerTown, each with its latest updates): their updates and
        // translations go last; title and summary in the town's language and in the incidents' own (de) always fit.
        document = Done(document, maxBytes)
            ? document
            : document with
            {
                Incidents = document.Incidents.Select(i => i with
                {
                    Title = OnlyIncident(i.Title, language),
                    Summary = OnlyIncident(i.Summary, language),
                    Updates = [],
                }).ToList(),
            };

        return document with
        {
            Shed = new ShedContent(
                original.Updates.Count - document.Updates.Count,
                original.Qa.Count - document.Qa.Count,
                original.Aid.Count - document.Aid.Count,
                Size(original),
                Size(document)),
        };
    }

    /// <summary>The document's size as <c>status.json</c>, in UTF-8 bytes.</summary>
    public static int Size(TownDocument document) => JsonSerializer.SerializeToUtf8Bytes(document, DocumentJson.Options).Length;

    private static bool Done(TownDocument document, int maxBytes) => Size(document) <= maxBytes;

    /// <summary>
    /// The document with the longest prefix of <paramref name="items"/> that fits (none when none does). A JSON array's
    /// size is the sum of its elements' sizes plus the commas, so each item is serialized once, not the document per try.
    /// </summary>
    private static TownDocument KeepFirst<T>(TownDocument document, IReadOnlyList<T> items, Func<TownDocument, IReadOnlyList<T>, TownDocument> keep, int maxBytes)
    {
        var size = Size(keep(document, []));
        var kept = 0;
        foreach (var item in items)
        {
            size += JsonSerializer.SerializeToUtf8Bytes(item, DocumentJson.Options).Length + (kept > 0 ? 1 : 0);
            if (size > maxBytes)
            {
                break;
            }

            kept++;
        }

        return kept == items.Count ? document : keep(document, items.Take(kept).ToList());
    }

    private static LocalizedText Only(LocalizedText text, string language) =>
        text.In(language) is { } value ? new LocalizedText { [language] = value } : new LocalizedText();

    private static LocalizedText OnlyIncident(LocalizedText text, string language)
    {
        var kept = Only(text, language);
        if (text.In(Validation.Validator.IncidentLanguage) is { } own)
        {
            kept[Validation.Validator.IncidentLanguage] = own;
        }

        return kept;
    }
}

/// <summary>What <see cref="DocumentBudget.Fit"/> left out of a town's document, for the renderer's log; never serialized.</summary>
public sealed record ShedContent(int Updates, int Qa, int Aid, int BytesBefore, int BytesAfter);
