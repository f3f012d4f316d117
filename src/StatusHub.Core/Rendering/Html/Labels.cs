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

    /// <summary>The (visually hidden) heading of the channels shown first.</summary>
    public required string GlanceHeading { get; init; }
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

    /// <summary>The notice for the town-hall door: its name, e.g. in the title.</summary>
    public required string NoticeTitle { get; init; }

    /// <summary>The link from a town page to its notice.</summary>
    public required string NoticePrint { get; init; }

    /// <summary>How to print the notice, shown on screen only.</summary>
    public required string NoticeHowToPrint { get; init; }

    /// <summary>The link from the notice back to the town page: {0} is the town.</summary>
    public required string NoticeBackToPage { get; init; }

    /// <summary>The notice's headings of the service groups, by state (what works, what works in part, what does not).</summary>
    public required IReadOnlyDictionary<ServiceState, string> NoticeGroups { get; init; }

    /// <summary>The line under a group the notice had to cut: {0} is how many services it left out.</summary>
    public required string NoticeMoreServices { get; init; }
    public required string NoticeReachUs { get; init; }
    public required string NoticeCurrentInfo { get; init; }

    /// <summary>The accessible name of the QR code: {0} is the address it holds.</summary>
    public required string NoticeQrCode { get; init; }
    public required string IndexTitle { get; init; }

    /// <summary>The footer's offer to other websites: a summary line and the sentence before the snippet.</summary>
    public required string EmbedHeading { get; init; }
    public required string EmbedLead { get; init; }

    /// <summary>The alt text of the embedded badge: {0} is the town.</summary>
    public required string EmbedAlt { get; init; }
    public required string IndexIntro { get; init; }
    public required string IndexAffectedHeading { get; init; }

    /// <summary>Said when the index lists only the first towns not in normal operation: {0} is how many more.</summary>
    public required string IndexMoreAffected { get; init; }
    public required string IndexRegionsHeading { get; init; }

    /// <summary>How many towns a region has: {0} is the number (one town: <see cref="IndexOneTown"/>).</summary>
    public required string IndexTowns { get; init; }
    public required string IndexOneTown { get; init; }

    /// <summary>How many of them are not in normal operation: {0} is the number.</summary>
    public required string IndexRegionAffected { get; init; }

    /// <summary>Heading of a region page: {0} is the region.</summary>
    public required string RegionTitle { get; init; }
    public required string RegionIntro { get; init; }

    public required string RegionTownsHeading { get; init; }
    public required string RegionMatrixHeading { get; init; }
    public required string RegionMatrixLead { get; init; }
    public required string RegionMatrixCaption { get; init; }

    /// <summary>Name of the horizontally scrolling region around the matrix.</summary>
    public required string RegionMatrixScroll { get; init; }
    public required string RegionTownColumn { get; init; }
    public required string NotReported { get; init; }
    public required string AidBy { get; init; }
    public required string NoAid { get; init; }
    public required string GapsHeading { get; init; }
    public required string GapsLead { get; init; }
    public required string MapHeading { get; init; }

    /// <summary>The map's title: {0} is the region.</summary>
    public required string MapTitle { get; init; }
    public required string MapDescription { get; init; }

    /// <summary>The note that the town list is the map's text alternative: {0} is where the link to the list goes.</summary>
    public required string MapTextAlternative { get; init; }
    public required string MapUnlocated { get; init; }
    public required string FeedsHeading { get; init; }
    public required string FeedJson { get; init; }
    public required string FeedAtom { get; init; }
    public required string FeedCap { get; init; }

    /// <summary>Date with weekday: {0} weekday, {1} day, {2} month name, {3} year.</summary>
    public required string DatePattern { get; init; }

    /// <summary>Date without weekday, as on the badge: {0} day, {1} month name, {2} year.</summary>
    public required string DayPattern { get; init; }

    /// <summary>The badge's as-of line: {0} is the date as <see cref="DayPattern"/>.</summary>
    public required string BadgeAsOf { get; init; }

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
        GlanceHeading = "Auf einen Blick",
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
        NoticeTitle = "Aushang",
        NoticePrint = "Aushang zum Ausdrucken",
        NoticeHowToPrint = "Diese Seite ist der Aushang für die Rathaustür: drucken Sie sie auf ein A4-Blatt im Hochformat.",
        NoticeBackToPage = "Zur Seite von {0}",
        NoticeGroups = new Dictionary<ServiceState, string>
        {
            [ServiceState.Unavailable] = "Was nicht geht",
            [ServiceState.Limited] = "Was eingeschränkt geht",
            [ServiceState.Available] = "Was geht",
            [ServiceState.Unknown] = "Noch unklar",
        },
        NoticeMoreServices = "und {0} weitere",
        NoticeReachUs = "Hier erreichen Sie uns",
        NoticeCurrentInfo = "Aktuelle Informationen:",
        NoticeQrCode = "QR-Code mit der Adresse {0}",
        IndexTitle = "Status der Verwaltungen",
        EmbedHeading = "Für Webseiten: diesen Status zeigen",
        EmbedLead = "Kopieren Sie diesen Code in Ihre Seite. Das Bild zeigt immer den aktuellen Stand und führt hierher.",
        EmbedAlt = "{0}: aktueller Status der Verwaltung",
        IndexIntro = "Welche Verwaltung arbeitet wie? Orte, die nicht normal arbeiten, stehen zuerst; jeden Ort finden Sie über seine Region.",
        IndexAffectedHeading = "Nicht im Normalbetrieb",
        IndexMoreAffected = "{0} weitere Orte arbeiten nicht normal. Sie stehen auf den Seiten ihrer Region.",
        IndexRegionsHeading = "Regionen",
        IndexTowns = "{0} Orte",
        IndexOneTown = "1 Ort",
        IndexRegionAffected = "davon {0} nicht im Normalbetrieb",
        RegionTitle = "Verwaltungen in der Region {0}",
        RegionIntro = "Wie arbeiten die Verwaltungen der Region, und welche Nachbarorte übernehmen Leistungen füreinander? Hier steht es auf einen Blick.",
        RegionTownsHeading = "Alle Orte der Region",
        RegionMatrixHeading = "Leistungen und Hilfe aus der Nachbarschaft",
        RegionMatrixLead = "Die Tabelle zeigt für jeden Ort, welche Leistung geht und welcher Nachbarort aushilft. Lücken ohne Hilfe sind hervorgehoben und mit „keine Hilfe“ markiert. Ein Strich heißt: nicht gemeldet.",
        RegionMatrixCaption = "Leistungen je Ort",
        RegionMatrixScroll = "Tabelle der Leistungen je Ort, seitlich verschiebbar",
        RegionTownColumn = "Ort",
        NotReported = "nicht gemeldet",
        AidBy = "Hilfe:",
        NoAid = "keine Hilfe",
        GapsHeading = "Noch ohne Hilfe",
        GapsLead = "Für diese Leistungen gibt es noch keine Hilfe aus der Nachbarschaft:",
        MapHeading = "Karte",
        MapTitle = "Karte der Orte in der Region {0}",
        MapDescription = "Jeder Ort ist ein Kreis an seiner Lage, Norden ist oben. Form und Beschriftung nennen den Betriebszustand.",
        MapTextAlternative = "Dieselben Angaben stehen als Text in der Liste {0}.",
        MapUnlocated = "Ohne Ortsangabe, daher nicht auf der Karte:",
        FeedsHeading = "Daten zum Abonnieren und Weiterverarbeiten",
        FeedJson = "Alle Orte als JSON (feed.json)",
        FeedAtom = "Änderungen als Atom-Feed (feed.atom)",
        FeedCap = "Warnmeldungen im CAP-Format (cap.xml)",
        DatePattern = "{0}, {1}. {2} {3}",
        DayPattern = "{0}. {1} {2}",
        BadgeAsOf = "Stand {0}",
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
        GlanceHeading = "At a glance",
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
        NoticeTitle = "Notice",
        NoticePrint = "Print this notice",
        NoticeHowToPrint = "This page is the notice for the town-hall door: print it on one A4 sheet, portrait.",
        NoticeBackToPage = "To the page of {0}",
        NoticeGroups = new Dictionary<ServiceState, string>
        {
            [ServiceState.Unavailable] = "What does not work",
            [ServiceState.Limited] = "What works in part",
            [ServiceState.Available] = "What works",
            [ServiceState.Unknown] = "Not yet known",
        },
        NoticeMoreServices = "and {0} more",
        NoticeReachUs = "How to reach us",
        NoticeCurrentInfo = "Current information:",
        NoticeQrCode = "QR code with the address {0}",
        IndexTitle = "Status of municipal administrations",
        EmbedHeading = "For websites: show this status",
        EmbedLead = "Copy this code into your page. The image always shows the current status and links here.",
        EmbedAlt = "{0}: current status of the administration",
        IndexIntro = "Which administration is working, and how? Towns not in normal operation come first; every town is on its region's page.",
        IndexAffectedHeading = "Not in normal operation",
        IndexMoreAffected = "{0} more towns are not in normal operation. They are on their regions' pages.",
        IndexRegionsHeading = "Regions",
        IndexTowns = "{0} towns",
        IndexOneTown = "1 town",
        IndexRegionAffected = "{0} of them not in normal operation",
        RegionTitle = "Administrations in the region {0}",
        RegionIntro = "How are the administrations of the region working, and which neighbouring towns take on services for each other? Here it is at a glance.",
        RegionTownsHeading = "All towns in the region",
        RegionMatrixHeading = "Services and help from neighbouring towns",
        RegionMatrixLead = "The table shows, for each town, which service works and which neighbouring town helps out. Gaps without help are highlighted and marked “no help”. A dash means: not reported.",
        RegionMatrixCaption = "Services by town",
        RegionMatrixScroll = "Table of services by town, scrolls sideways",
        RegionTownColumn = "Town",
        NotReported = "not reported",
        AidBy = "Help:",
        NoAid = "no help",
        GapsHeading = "Still without help",
        GapsLead = "For these services there is no help from neighbouring towns yet:",
        MapHeading = "Map",
        MapTitle = "Map of the towns in the region {0}",
        MapDescription = "Each town is a circle at its location, north is up. Shape and label give the level of operation.",
        MapTextAlternative = "The same information is in the list {0} as text.",
        MapUnlocated = "No location given, so not on the map:",
        FeedsHeading = "Data to subscribe to and reuse",
        FeedJson = "All towns as JSON (feed.json)",
        FeedAtom = "Changes as an Atom feed (feed.atom)",
        FeedCap = "Alerts in CAP format (cap.xml)",
        DatePattern = "{0}, {1} {2} {3}",
        DayPattern = "{0} {1} {2}",
        BadgeAsOf = "As of {0}",
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

// Shared incidents (#17): the labels of the incident page (/incidents/{incident}/) and of a member town's incident
// section, in one block so that they can move with the other labels.

/// <summary>The fixed UI text about shared incidents in one language (the incident page and the town page's incident section).</summary>
internal sealed record IncidentLabels
{
    /// <summary>The language these labels are written in (the same as the <see cref="Labels"/> of that language).</summary>
    public required string Language { get; init; }

    /// <summary>What the incident page is about, above its title.</summary>
    public required string Kind { get; init; }

    /// <summary>The incident's state in words: still going on.</summary>
    public required string Open { get; init; }

    /// <summary>The incident's state in words: over.</summary>
    public required string Resolved { get; init; }
    public required string StartedAt { get; init; }
    public required string ResolvedAt { get; init; }

    /// <summary>The page title: {0} is the incident's title.</summary>
    public required string PageTitle { get; init; }
    public required string TownsHeading { get; init; }

    /// <summary>The line under the towns heading: {0} is how many towns.</summary>
    public required string TownsLead { get; init; }

    /// <summary>The heading of the towns at one level: {0} is the level in words, {1} how many towns.</summary>
    public required string TownsAtLevel { get; init; }
    public required string MoreInfoLead { get; init; }

    /// <summary>The heading of the incident section on a member town's page.</summary>
    public required string TownSectionHeading { get; init; }

    /// <summary>The lead of that section: {0} is the town.</summary>
    public required string TownSectionLead { get; init; }
    public required string LatestUpdates { get; init; }

    /// <summary>The link from a town page to the incident page.</summary>
    public required string ToIncidentPage { get; init; }

    /// <summary>The region page's section of the shared incidents with their towns in the region.</summary>
    public required string RegionHeading { get; init; }
    public required string RegionLead { get; init; }

    /// <summary>The line before an incident's towns in the region: {0} is how many.</summary>
    public required string RegionTowns { get; init; }

    public static IncidentLabels German { get; } = new()
    {
        Language = "de",
        Kind = "Störung bei mehreren Verwaltungen",
        Open = "Andauernd",
        Resolved = "Behoben",
        StartedAt = "Begonnen:",
        ResolvedAt = "Behoben:",
        PageTitle = "{0} – betroffene Verwaltungen",
        TownsHeading = "Betroffene Orte",
        TownsLead = "{0} Orte sind betroffen. Jeder Name führt zur Seite des Ortes mit dem, was dort geht und was nicht.",
        TownsAtLevel = "{0}: {1}",
        MoreInfoLead = "Weitere Informationen zum Vorfall:",
        TownSectionHeading = "Betrifft mehrere Verwaltungen",
        TownSectionLead = "{0} ist von einer Störung betroffen, die auch andere Verwaltungen trifft.",
        LatestUpdates = "Neueste Meldungen dazu",
        ToIncidentPage = "Alle betroffenen Orte und der ganze Verlauf",
        RegionHeading = "Störungen bei mehreren Verwaltungen",
        RegionLead = "Diese Störungen treffen mehrere Verwaltungen zugleich, etwa bei einem gemeinsamen IT-Dienstleister. Betroffen sind in der Region:",
        RegionTowns = "Orte in der Region ({0}):",
    };

    public static IncidentLabels English { get; } = new()
    {
        Language = "en",
        Kind = "Incident affecting several administrations",
        Open = "Ongoing",
        Resolved = "Resolved",
        StartedAt = "Started:",
        ResolvedAt = "Resolved:",
        PageTitle = "{0} – affected administrations",
        TownsHeading = "Affected towns",
        TownsLead = "{0} towns are affected. Each name leads to the town's page with what works there and what doesn't.",
        TownsAtLevel = "{0}: {1}",
        MoreInfoLead = "More about the incident:",
        TownSectionHeading = "Affects several administrations",
        TownSectionLead = "{0} is affected by an incident that also hits other administrations.",
        LatestUpdates = "Latest updates on it",
        ToIncidentPage = "All affected towns and the full timeline",
        RegionHeading = "Incidents affecting several administrations",
        RegionLead = "These incidents hit several administrations at once, for example at a shared IT provider. Affected in the region:",
        RegionTowns = "Towns in the region ({0}):",
    };

    /// <summary>The incident labels in the language <see cref="Labels.For"/> gives a page of <paramref name="language"/>.</summary>
    public static IncidentLabels For(string language) => Labels.For(language).Language == "de" ? German : English;
}
