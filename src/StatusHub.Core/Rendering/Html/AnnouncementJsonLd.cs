using System.Text.Json.Nodes;
using StatusHub.Core.Domain;

namespace StatusHub.Core.Rendering.Html;

/// <summary>
/// The structured data of a town page: a schema.org <c>SpecialAnnouncement</c> while the town is not in normal
/// operation, a plain <c>WebPage</c> of the town's status page while it is (a normal town announces nothing).
/// </summary>
internal static class AnnouncementJsonLd
{
    /// <summary>
    /// schema.org asks for a URL as <c>category</c> ("preferably a Wikidata or Wikipedia entity"); the outages StatusHub
    /// reports follow a cyberattack on a town's IT, so the category is Wikidata's "cyberattack" (Q4071928), not one
    /// of the COVID-19 categories the SpecialAnnouncement examples use.
    /// </summary>
    public const string Category = "https://www.wikidata.org/wiki/Q4071928";

    public static JsonObject For(TownPageView page) =>
        Compact(page.Level == TownLevel.Normal ? StatusPage(page) : Announcement(page));

    private static JsonObject Announcement(TownPageView page)
    {
        var town = page.Model.Document.Town;
        return new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "SpecialAnnouncement",
            ["name"] = page.Headline.Text,
            ["text"] = page.Summary?.Text,
            ["category"] = Category,
            ["datePosted"] = page.AsOf is { } asOf ? PageTime.Iso(asOf) : null,

            // The same horizon after which the page warns that its information may be out of date (and the CAP alert expires).
            ["expires"] = page.AsOf is { } posted ? PageTime.Iso(StatusExpiry.Of(posted)) : null,
            ["url"] = page.CanonicalUrl,
            ["inLanguage"] = page.Language.Code,
            ["announcementLocation"] = CityHall(page),
            ["spatialCoverage"] = Area(page),
            ["publisher"] = Publisher(page),
            ["newsUpdatesAndGuidelines"] = page.MoreInfoHref,
            ["webFeed"] = PageLinks.Absolute(page.Model.SiteBaseUrl, SitePaths.TownFeed(town.Slug)),
        };
    }

    private static JsonObject StatusPage(TownPageView page) => new()
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "WebPage",
        ["name"] = page.Headline.Text,
        ["url"] = page.CanonicalUrl,
        ["inLanguage"] = page.Language.Code,
        ["dateModified"] = page.AsOf is { } asOf ? PageTime.Iso(asOf) : null,
        ["publisher"] = Publisher(page),
    };

    /// <summary>
    /// The town hall with what the town stores about it: name, telephone and website. The town profile has no postal
    /// address field, so there is no <c>address</c>; the location, when stored, is given as <c>geo</c>.
    /// </summary>
    private static JsonObject CityHall(TownPageView page)
    {
        var town = page.Model.Document.Town;
        return new JsonObject
        {
            ["@type"] = "CityHall",
            ["name"] = town.Name,
            ["telephone"] = page.Phone,
            ["url"] = page.WebsiteHref,
            ["geo"] = Geo(town.Location),
        };
    }

    /// <summary>The municipality as an AdministrativeArea: its AGS as identifier, its stored location as geo.</summary>
    private static JsonObject Area(TownPageView page)
    {
        var town = page.Model.Document.Town;
        return new JsonObject
        {
            ["@type"] = "AdministrativeArea",
            ["name"] = town.Name,
            ["identifier"] = town.Ags is { } ags
                ? new JsonObject { ["@type"] = "PropertyValue", ["propertyID"] = "AGS", ["name"] = "Amtlicher Gemeindeschlüssel", ["value"] = ags }
                : null,
            ["geo"] = Geo(town.Location),
        };
    }

    private static JsonObject Publisher(TownPageView page) => new()
    {
        ["@type"] = "GovernmentOrganization",
        ["name"] = page.Model.Document.Town.Name,
        ["url"] = page.WebsiteHref,
    };

    private static JsonObject? Geo(GeoLocation? location) => location is { } at
        ? new JsonObject
        {
            ["@type"] = "GeoCoordinates",
            ["latitude"] = Math.Round(at.Lat, 6),
            ["longitude"] = Math.Round(at.Lon, 6),
        }
        : null;

    /// <summary>Drops null properties at every level, so absent data is absent rather than null.</summary>
    private static JsonObject Compact(JsonObject node)
    {
        foreach (var (key, value) in node.ToList())
        {
            if (value is null)
            {
                node.Remove(key);
            }
            else if (value is JsonObject child)
            {
                Compact(child);
            }
        }

        return node;
    }
}
