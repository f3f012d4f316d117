using System.Text.Json.Nodes;

namespace StatusHub.Core.Rendering.Html;

/// <summary>The schema.org <c>SpecialAnnouncement</c> of a town page (no COVID category: this is an administration outage).</summary>
internal static class AnnouncementJsonLd
{
    public static JsonObject For(TownPageView page)
    {
        var town = page.Model.Document.Town;
        var location = new JsonObject
        {
            ["@type"] = "CityHall",
            ["name"] = town.Name,
        };
        var publisher = new JsonObject
        {
            ["@type"] = "GovernmentOrganization",
            ["name"] = town.Name,
        };
        if (page.WebsiteHref is { } website)
        {
            location["url"] = website;
            publisher["url"] = website;
        }

        var announcement = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "SpecialAnnouncement",
            ["name"] = page.Headline.Text,
            ["text"] = page.Summary?.Text,
            ["datePosted"] = page.AsOf is { } asOf ? PageTime.Iso(asOf) : null,
            ["url"] = page.CanonicalUrl,
            ["inLanguage"] = page.Language.Code,
            ["announcementLocation"] = location,
            ["spatialCoverage"] = new JsonObject { ["@type"] = "City", ["name"] = town.Name },
            ["publisher"] = publisher,
            ["newsUpdatesAndGuidelines"] = page.MoreInfoHref,
            ["webFeed"] = PageLinks.Absolute(page.Model.SiteBaseUrl, SitePaths.TownFeed(town.Slug)),
        };

        foreach (var empty in announcement.Where(property => property.Value is null).Select(property => property.Key).ToList())
        {
            announcement.Remove(empty);
        }

        return announcement;
    }
}
