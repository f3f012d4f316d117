using StatusHub.Core.Domain;

namespace StatusHub.Core.Rendering.Html;

/// <summary>The fixed UI text of the pages in one language; every UI string of the site lives here.</summary>
internal sealed record Labels
{
    /// <summary>The language these labels are written in.</summary>
    public required string Language { get; init; }

    public required string SkipToContent { get; init; }
    public required string AllTowns { get; init; }
    public required string LanguageNavigation { get; init; }
    public required IReadOnlyDictionary<TownLevel, string> Levels { get; init; }
    public required string AsOf { get; init; }
    public required string StaleWarningTitle { get; init; }
    public required string StaleWarning { get; init; }
    public required string ServicesHeading { get; init; }
    public required IReadOnlyDictionary<ServiceState, string> States { get; init; }
    public required string AidHeading { get; init; }

    /// <summary>The sentence around the provider link: {0} is where the link goes.</summary>
    public required string AidGoTo { get; init; }
    public required string AidValidUntil { get; init; }
    public required string ContactHeading { get; init; }
    public required string Phone { get; init; }
    public required string Website { get; init; }
    public required string QaHeading { get; init; }
    public required string TimelineHeading { get; init; }
    public required string MoreInfoHeading { get; init; }
    public required string MoreInfoLead { get; init; }
    public required string RenderedAt { get; init; }
    public required string IndexTitle { get; init; }
    public required string IndexIntro { get; init; }

    /// <summary>Date with weekday: {0} weekday, {1} day, {2} month name, {3} year.</summary>
    public required string DatePattern { get; init; }

    /// <summary>Date and time: {0} the date as <see cref="DatePattern"/>, {1} the time "HH:mm".</summary>
    public required string DateTimePattern { get; init; }

    /// <summary>Month names, January first.</summary>
    public required IReadOnlyList<string> Months { get; init; }

    /// <summary>Weekday names, Sunday first (as <see cref="DayOfWeek"/>).</summary>
    public required IReadOnlyList<string> Weekdays { get; init; }

    public static Labels German { get; } = new()
    {
        Language = "de",
        SkipToContent = "Zum Inhalt springen",
        AllTowns = "Alle Orte",
        LanguageNavigation = "Sprache",
        Levels = new Dictionary<TownLevel, string>
        {
            [TownLevel.Normal] = "Normalbetrieb",
            [TownLevel.Disrupted] = "Eingeschränkt",
            [TownLevel.Emergency] = "Notbetrieb",
            [TownLevel.Offline] = "Verwaltung nicht erreichbar",
        },
        AsOf = "Stand:",
        StaleWarningTitle = "Achtung:",
        StaleWarning = "Diese Angaben sind älter als 3 Tage und vielleicht nicht mehr aktuell. Fragen Sie im Zweifel telefonisch nach.",
        ServicesHeading = "Was geht, was nicht",
        States = new Dictionary<ServiceState, string>
        {
            [ServiceState.Unavailable] = "Nicht möglich",
            [ServiceState.Limited] = "Eingeschränkt möglich",
            [ServiceState.Available] = "Möglich",
            [ServiceState.Unknown] = "Noch unklar",
        },
        AidHeading = "Wo Sie sonst hingehen können",
        AidGoTo = "Sie können nach {0} gehen.",
        AidValidUntil = "Angebot gilt bis",
        ContactHeading = "So erreichen Sie die Verwaltung",
        Phone = "Telefon:",
        Website = "Website:",
        QaHeading = "Fragen und Antworten",
        TimelineHeading = "Bisherige Meldungen",
        MoreInfoHeading = "Weitere Informationen",
        MoreInfoLead = "Ausführlich informiert die Verwaltung hier:",
        RenderedAt = "Seite erstellt:",
        IndexTitle = "Status der Verwaltungen",
        IndexIntro = "Welche Verwaltung arbeitet wie? Wählen Sie Ihren Ort.",
        DatePattern = "{0}, {1}. {2} {3}",
        DateTimePattern = "{0}, {1} Uhr",
        Months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
        Weekdays = ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
    };

    public static Labels English { get; } = new()
    {
        Language = "en",
        SkipToContent = "Skip to content",
        AllTowns = "All towns",
        LanguageNavigation = "Language",
        Levels = new Dictionary<TownLevel, string>
        {
            [TownLevel.Normal] = "Normal operation",
            [TownLevel.Disrupted] = "Disrupted",
            [TownLevel.Emergency] = "Emergency operation",
            [TownLevel.Offline] = "Administration unreachable",
        },
        AsOf = "As of:",
        StaleWarningTitle = "Please note:",
        StaleWarning = "This information is more than 3 days old and may be out of date. If in doubt, please call.",
        ServicesHeading = "What works and what doesn't",
        States = new Dictionary<ServiceState, string>
        {
            [ServiceState.Unavailable] = "Not possible",
            [ServiceState.Limited] = "Partly possible",
            [ServiceState.Available] = "Possible",
            [ServiceState.Unknown] = "Not yet known",
        },
        AidHeading = "Where else you can go",
        AidGoTo = "You can go to {0}.",
        AidValidUntil = "Offer valid until",
        ContactHeading = "How to reach the administration",
        Phone = "Phone:",
        Website = "Website:",
        QaHeading = "Questions and answers",
        TimelineHeading = "Updates so far",
        MoreInfoHeading = "More information",
        MoreInfoLead = "Details from the administration:",
        RenderedAt = "Page generated:",
        IndexTitle = "Status of municipal administrations",
        IndexIntro = "Which administration is working, and how? Choose your town.",
        DatePattern = "{0}, {1} {2} {3}",
        DateTimePattern = "{0}, {1}",
        Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        Weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    };

    /// <summary>Label sets by primary language subtag; a page in any other language gets English UI text.</summary>
    public static IReadOnlyDictionary<string, Labels> ByLanguage { get; } = new Dictionary<string, Labels>(StringComparer.OrdinalIgnoreCase)
    {
        ["de"] = German,
        ["en"] = English,
    };

    /// <summary>The labels for a page language: "de", "de-AT" and "de-x-ls" get German; languages without a label set get English.</summary>
    public static Labels For(string language) =>
        ByLanguage.TryGetValue(Languages.PrimarySubtag(language), out var labels) ? labels : English;
}
