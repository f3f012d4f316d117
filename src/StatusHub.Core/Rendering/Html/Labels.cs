using System.Text.Json.Serialization;
using StatusHub.Core.Domain;

namespace StatusHub.Core.Rendering.Html;

/// <summary>
/// The fixed UI text of the pages in one language, read from that language's file in <c>Localization/</c>
/// (<see cref="LabelFiles"/>): adding a language to the chrome is one new file and no code.
/// </summary>
internal sealed record Labels
{
    /// <summary>The language these labels are written in: the file's name.</summary>
    [JsonIgnore]
    public string Language { get; init; } = string.Empty;

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

    // Shared incidents (#17): the incident page (/incidents/{incident}/), a member town's incident section and the region page's.

    /// <summary>What the incident page is about, above its title.</summary>
    public required string IncidentKind { get; init; }

    /// <summary>The incident's state in words: still going on.</summary>
    public required string IncidentOpen { get; init; }

    /// <summary>The incident's state in words: over.</summary>
    public required string IncidentResolved { get; init; }
    public required string IncidentStartedAt { get; init; }
    public required string IncidentResolvedAt { get; init; }

    /// <summary>The incident page's title: {0} is the incident's title.</summary>
    public required string IncidentPageTitle { get; init; }
    public required string IncidentTownsHeading { get; init; }

    /// <summary>The line under the incident's towns heading: {0} is how many towns.</summary>
    public required string IncidentTownsLead { get; init; }

    /// <summary>The heading of the incident's towns at one level: {0} is the level in words, {1} how many towns.</summary>
    public required string IncidentTownsAtLevel { get; init; }
    public required string IncidentMoreInfoLead { get; init; }

    /// <summary>The heading of the incident section on a member town's page.</summary>
    public required string IncidentTownSectionHeading { get; init; }

    /// <summary>The lead of that section: {0} is the town.</summary>
    public required string IncidentTownSectionLead { get; init; }
    public required string IncidentLatestUpdates { get; init; }

    /// <summary>The link from a town page to the incident page.</summary>
    public required string IncidentToPage { get; init; }

    /// <summary>The region page's section of the shared incidents with their towns in the region.</summary>
    public required string IncidentRegionHeading { get; init; }
    public required string IncidentRegionLead { get; init; }

    /// <summary>The line before an incident's towns in the region: {0} is how many.</summary>
    public required string IncidentRegionTowns { get; init; }

    /// <summary>The culture (CLDR through ICU) whose month and weekday names and date order the dates use, unless the page's tag names a more specific culture of the same language ("uk-UA").</summary>
    public required string Culture { get; init; }

    /// <summary>A date without weekday, as on the badge: a .NET custom format read with <see cref="Culture"/> ("d. MMMM yyyy").</summary>
    public required string DayFormat { get; init; }

    /// <summary>The badge's as-of line: {0} is the date as <see cref="DayFormat"/>.</summary>
    public required string BadgeAsOf { get; init; }

    /// <summary>Date and time: {0} the culture's long date (with weekday), {1} its short time.</summary>
    public required string DateTimePattern { get; init; }

    /// <summary>The names of the shared catalogue's services (<see cref="ServiceCatalogue"/>), by service id.</summary>
    public required IReadOnlyDictionary<string, string> Services { get; init; }

    /// <summary>
    /// The publisher console's words by key (<c>t('key')</c> in its modules), served to it as <c>publish/labels.js</c>
    /// (<see cref="PublisherConsole.ConsoleFiles"/>); {0}, {1}, … are filled in by the console.
    /// </summary>
    public required IReadOnlyDictionary<string, string> Console { get; init; }

    /// <summary>German, the hub's default language.</summary>
    public static Labels German => For("de");

    /// <summary>English: the chrome of every page whose language has no label file of its own.</summary>
    public static Labels English => For(Fallback);

    /// <summary>Every label set, by its file's language tag (case-insensitive).</summary>
    public static IReadOnlyDictionary<string, Labels> ByLanguage => LabelFiles.All;

    /// <summary>
    /// The labels for a page language: the set of the tag itself ("de-x-ls"), else of its language subtag ("uk" for
    /// "uk-UA", "de" for "de-AT"), else English (API.md: a tag without chrome of its own gets <c>en</c> chrome).
    /// </summary>
    public static Labels For(string language) =>
        ByLanguage.TryGetValue(language, out var own) ? own
        : ByLanguage.TryGetValue(Languages.PrimarySubtag(language), out var labels) ? labels
        : ByLanguage[Fallback];

    private const string Fallback = "en";
}
