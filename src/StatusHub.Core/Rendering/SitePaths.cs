namespace StatusHub.Core.Rendering;

/// <summary>Paths of the static site (API.md "Static site"), relative to the site root, without a leading '/'.</summary>
public static class SitePaths
{
    public const string Index = "index.html";

    /// <summary>The folder URL of a town page: "moessingen/" for the default language, "moessingen/en/" otherwise.</summary>
    public static string TownPageUrl(string town, string language, string defaultLanguage) =>
        language == defaultLanguage ? $"{town}/" : $"{town}/{language}/";

    /// <summary>
    /// The folders inside a town's folder that are not language pages: the notice and the Statuspage files. A language
    /// tag equal to one of them would overwrite its files (the validator refuses it).
    /// </summary>
    public static bool IsReservedTownFolder(string name) =>
        string.Equals(name, "aushang", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "api", StringComparison.OrdinalIgnoreCase);

    /// <summary>The blob path of a town page.</summary>
    public static string TownPage(string town, string language, string defaultLanguage) =>
        TownPageUrl(town, language, defaultLanguage) + "index.html";

    /// <summary>The folder URL of a town's notice for the town-hall door, "moessingen/aushang/" (one per town, in its default language).</summary>
    public static string NoticeUrl(string town) => $"{town}/aushang/";

    /// <summary>The blob path of a town's notice.</summary>
    public static string Notice(string town) => NoticeUrl(town) + "index.html";

    public static string StatusJson(string town) => $"{town}/status.json";

    public static string TownFeed(string town) => $"{town}/feed.atom";

    /// <summary>The status badge other websites embed as an image.</summary>
    public static string Badge(string town) => $"{town}/badge.svg";

    /// <summary>The folder of a town's Statuspage v2 public API files, "moessingen/api/v2/".</summary>
    public static string StatuspageFolder(string town) => $"{town}/api/v2/";

    public static string StatuspageSummary(string town) => StatuspageFolder(town) + "summary.json";

    public static string StatuspageStatus(string town) => StatuspageFolder(town) + "status.json";

    public static string StatuspageComponents(string town) => StatuspageFolder(town) + "components.json";

    public static string StatuspageIncidents(string town) => StatuspageFolder(town) + "incidents.json";

    public static string StatuspageUnresolvedIncidents(string town) => StatuspageFolder(town) + "incidents/unresolved.json";

    public static string StatuspageMaintenances(string town) => StatuspageFolder(town) + "scheduled-maintenances.json";

    public static string StatuspageUpcomingMaintenances(string town) => StatuspageFolder(town) + "scheduled-maintenances/upcoming.json";

    public static string StatuspageActiveMaintenances(string town) => StatuspageFolder(town) + "scheduled-maintenances/active.json";

    /// <summary>Every Statuspage v2 file of a town, summary first.</summary>
    public static IReadOnlyList<string> Statuspage(string town) =>
    [
        StatuspageSummary(town),
        StatuspageStatus(town),
        StatuspageComponents(town),
        StatuspageIncidents(town),
        StatuspageUnresolvedIncidents(town),
        StatuspageMaintenances(town),
        StatuspageUpcomingMaintenances(town),
        StatuspageActiveMaintenances(town),
    ];

    /// <summary>The folder of a region's outputs, "regions/bw-tuebingen/".</summary>
    public static string RegionFolder(string region) => $"regions/{region}/";

    public static string RegionPage(string region) => RegionFolder(region) + "index.html";

    public static string RegionFeedJson(string region) => RegionFolder(region) + "feed.json";

    public static string RegionFeedAtom(string region) => RegionFolder(region) + "feed.atom";

    public static string RegionCapIndex(string region) => RegionFolder(region) + "cap.xml";

    public static string RegionCapAlert(string region, string town) => RegionFolder(region) + $"cap/{town}.xml";

    /// <summary>The folder of a shared incident's outputs, "incidents/swit-2023/" (API.md "Shared incidents").</summary>
    public static string IncidentFolder(string incident) => $"incidents/{incident}/";

    /// <summary>The blob path of a shared incident's page: summary, timeline, the member towns with their levels.</summary>
    public static string IncidentPage(string incident) => IncidentFolder(incident) + "index.html";

    /// <summary>The incident document as JSON, the same as <c>GET /api/v1/incidents/{incident}</c> gives.</summary>
    public static string IncidentJson(string incident) => IncidentFolder(incident) + "incident.json";
}
