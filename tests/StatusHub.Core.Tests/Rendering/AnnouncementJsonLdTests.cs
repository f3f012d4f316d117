using System.Text.Json;
using StatusHub.Core.Documents;
using StatusHub.Core.Domain;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>
/// The page's structured data: a SpecialAnnouncement with expires, a category URL, the town hall and the town as an
/// AdministrativeArea while the town is not normal; no announcement at all while it is.
/// </summary>
public class AnnouncementJsonLdTests
{
    private static TownDocument Located(TownDocument document) => document with
    {
        Town = document.Town with { Ags = "08416025", Location = new GeoLocation(48.406, 9.057) },
    };

    private static async Task<JsonElement> JsonLd(TownDocument document)
    {
        var page = await Pages.RenderAsync(Pages.Model(document));
        using var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        return json.RootElement.Clone();
    }

    [Theory]
    [InlineData(TownLevel.Disrupted)]
    [InlineData(TownLevel.Emergency)]
    [InlineData(TownLevel.Offline)]
    public async Task A_town_not_in_normal_operation_announces_with_expiry_category_and_place(TownLevel level)
    {
        var data = await JsonLd(Located(Pages.Full() with { Level = level }));

        Assert.Equal("SpecialAnnouncement", data.GetProperty("@type").GetString());
        Assert.Equal("https://www.wikidata.org/wiki/Q4071928", data.GetProperty("category").GetString());
        Assert.Equal(DateTimeOffset.Parse(data.GetProperty("datePosted").GetString()!, System.Globalization.CultureInfo.InvariantCulture).AddDays(3),
            DateTimeOffset.Parse(data.GetProperty("expires").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        var hall = data.GetProperty("announcementLocation");
        Assert.Equal("CityHall", hall.GetProperty("@type").GetString());
        Assert.Equal("Musterstadt", hall.GetProperty("name").GetString());
        Assert.Equal("+49 7473 370-0", hall.GetProperty("telephone").GetString());
        Assert.Equal("https://www.musterstadt.de/", hall.GetProperty("url").GetString());
        Assert.Equal(48.406, hall.GetProperty("geo").GetProperty("latitude").GetDouble());

        var area = data.GetProperty("spatialCoverage");
        Assert.Equal("AdministrativeArea", area.GetProperty("@type").GetString());
        Assert.Equal("Musterstadt", area.GetProperty("name").GetString());
        Assert.Equal("PropertyValue", area.GetProperty("identifier").GetProperty("@type").GetString());
        Assert.Equal("AGS", area.GetProperty("identifier").GetProperty("propertyID").GetString());
        Assert.Equal("08416025", area.GetProperty("identifier").GetProperty("value").GetString());
        Assert.Equal("GeoCoordinates", area.GetProperty("geo").GetProperty("@type").GetString());
        Assert.Equal(9.057, area.GetProperty("geo").GetProperty("longitude").GetDouble());
    }

    [Fact]
    public async Task Without_ags_location_phone_or_website_those_properties_are_absent_not_null()
    {
        var data = await JsonLd(Pages.Minimal() with { Level = TownLevel.Emergency });

        Assert.Equal("SpecialAnnouncement", data.GetProperty("@type").GetString());
        Assert.False(data.GetProperty("spatialCoverage").TryGetProperty("identifier", out _));
        Assert.False(data.GetProperty("spatialCoverage").TryGetProperty("geo", out _));
        Assert.False(data.GetProperty("announcementLocation").TryGetProperty("telephone", out _));
        Assert.DoesNotContain("null", data.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_town_in_normal_operation_announces_nothing()
    {
        var page = await Pages.RenderAsync(Pages.Model(Located(Pages.Full() with { Level = TownLevel.Normal })));

        var json = page.QuerySelector("script[type='application/ld+json']")!.TextContent;
        Assert.DoesNotContain("SpecialAnnouncement", json, StringComparison.Ordinal);
        using var data = JsonDocument.Parse(json);
        Assert.Equal("WebPage", data.RootElement.GetProperty("@type").GetString());
        Assert.False(data.RootElement.TryGetProperty("expires", out _));
    }

    [Fact]
    public void The_ags_and_location_stay_out_of_status_json()
    {
        var json = JsonSerializer.Serialize(Located(Pages.Full()), DocumentJson.Options);

        Assert.DoesNotContain("08416025", json, StringComparison.Ordinal);
        Assert.DoesNotContain("48.406", json, StringComparison.Ordinal);
    }
}
