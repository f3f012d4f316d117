using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using StatusHub.Core.Documents;
using StatusHub.Core.Domain;
using StatusHub.Core.Rendering;
using StatusHub.Core.Rendering.Html;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>Test towns, page models and the shared renderer (it is thread-safe, so all tests use one).</summary>
internal static class Pages
{
    public static readonly DateTimeOffset AsOf = new(2023, 11, 23, 9, 0, 0, TimeSpan.FromHours(1));

    public static readonly DateTimeOffset RenderedAt = AsOf.AddHours(2);

    public static readonly Uri Site = new("https://status.example.org/");

    public static HtmlPages Html { get; } = new();

    public static LocalizedText De(string text) => new() { ["de"] = text };

    public static LocalizedText DeEn(string de, string en) => new() { ["de"] = de, ["en"] = en };

    /// <summary>Only what every town has: name, level, headline, summary, as-of time.</summary>
    public static TownDocument Minimal() => new(
        new TownReference("musterstadt", "Musterstadt", "bw-test", null, null, "de"),
        TownLevel.Disrupted,
        De("Verwaltung eingeschränkt erreichbar"),
        De("Nach einem IT-Sicherheitsvorfall arbeitet die Verwaltung eingeschränkt."),
        AsOf,
        null,
        [],
        [],
        [],
        []);

    /// <summary>Every section filled, in German and English.</summary>
    public static TownDocument Full() => Minimal() with
    {
        Town = new TownReference("musterstadt", "Musterstadt", "bw-test", "https://www.musterstadt.de", "+49 7473 370-0", "de"),
        Level = TownLevel.Emergency,
        Headline = DeEn("Cyberangriff: Verwaltung im Notbetrieb", "Cyberattack: administration in emergency operation"),
        Summary = DeEn("Die Verwaltung arbeitet im Notbetrieb.", "The administration is in emergency operation."),
        MoreInfoUrl = "https://www.musterstadt.de/cyberangriff",
        Services =
        [
            Service("phone", ServiceState.Available, DeEn("Telefonisch erreichbar.", "Reachable by phone.")),
            Service("email", ServiceState.Unavailable, DeEn("Keine E-Mails.", "No email.")),
            Service("payments", ServiceState.Unknown, DeEn("Wird geprüft.", "Being checked.")),
            Service("citizens-office", ServiceState.Limited, DeEn("Nur mit Termin.", "By appointment only.")),
            Service("vehicle-registration", ServiceState.Unavailable, DeEn("Nicht möglich.", "Not possible.")),
        ],
        Qa =
        [
            new QaItem("email", DeEn("Kann ich eine E-Mail schicken?", "Can I send an email?"), DeEn("Nein, bitte **anrufen**: [07473 370-0](tel:+4974733700).", "No, please **call**: [+49 7473 370-0](tel:+4974733700).")),
            new QaItem("how-long", DeEn("Wie lange dauert es?", "How long will it take?"), DeEn("Das ist noch offen.", "We do not know yet.")),
        ],
        Updates =
        [
            new TimelineUpdate("u2", DeEn("Telefone gehen wieder.", "Phones work again."), AsOf),
            new TimelineUpdate("u1", DeEn("Cyberangriff festgestellt.", "Cyberattack detected."), AsOf.AddDays(-2)),
        ],
        Aid =
        [
            new AidMatchView(
                "vehicle-registration",
                new ProviderReference("nachbarort", "Nachbarort"),
                DeEn("Im Bürgerbüro Nachbarort, Termin nötig.", "At the Nachbarort citizens' office, appointment needed."),
                new DateTimeOffset(2023, 12, 31, 23, 59, 59, TimeSpan.FromHours(1))),
        ],
    };

    public static ServiceView Service(string id, ServiceState state, LocalizedText note) =>
        new(id, ServiceCatalogue.Find(id)!.Name, state, note);

    public static TownPageModel Model(TownDocument document, string language = "de", IReadOnlyList<string>? languages = null, DateTimeOffset? renderedAt = null) =>
        new(document, language, languages ?? ["de", "en"], Site, renderedAt ?? RenderedAt);

    public static async Task<IDocument> RenderAsync(TownPageModel model) => Parse(await Html.TownPageAsync(model));

    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>The element's text with runs of white space collapsed, as a reader sees it.</summary>
    public static string Text(this IElement element) => string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
