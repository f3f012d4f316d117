using StatusHub.Core.Validation;

namespace StatusHub.Core.Tests;

public class TownValidationTests
{
    private const string Slug = "moessingen";

    private static TownRequest Valid() => new(
        Name: "Mössingen",
        Region: "bw-tuebingen",
        Ags: "08416025",
        DefaultLanguage: "de",
        Website: "https://www.moessingen.de",
        Phone: "+49 7473 370-0",
        Neighbours: ["ofterdingen", "nehren"],
        Location: new LocationRequest(48.406, 9.057),
        Internal: new InternalRequest("IT-Leitung", "+49 7473 370-100", "Notfallnummer nur für die Leitstelle"));

    private static IReadOnlyDictionary<string, string[]> Fail(TownRequest request) =>
        TestSupport.Rejected(() => Validator.Town(Slug, request));

    [Fact]
    public void Valid_request_becomes_a_profile()
    {
        var town = Validator.Town(Slug, Valid());

        Assert.Equal(Slug, town.Slug);
        Assert.Equal("Mössingen", town.Name);
        Assert.Equal("bw-tuebingen", town.Region);
        Assert.Equal("08416025", town.Ags);
        Assert.Equal("de", town.DefaultLanguage);
        Assert.Equal("+49 7473 370-0", town.Phone);
        Assert.Equal(["ofterdingen", "nehren"], town.Neighbours);
        Assert.Equal(48.406, town.Location!.Lat);
        Assert.Equal(9.057, town.Location.Lon);
        Assert.Equal("IT-Leitung", town.Internal!.Contact);
    }

    [Fact]
    public void Minimal_request_needs_only_name_and_region()
    {
        var town = Validator.Town(Slug, new TownRequest("Nehren", "bw-tuebingen", null, null, null, null, null, null, null));

        Assert.Equal("de", town.DefaultLanguage);
        Assert.Empty(town.Neighbours);
        Assert.Null(town.Location);
        Assert.Null(town.Internal);
    }

    [Fact]
    public void Null_body_is_rejected() => Assert.Contains("$", TestSupport.Rejected(() => Validator.Town(Slug, null)).Keys);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Name_is_required(string? name) => Assert.Contains("name", Fail(Valid() with { Name = name }).Keys);

    [Fact]
    public void Name_longer_than_limit_is_rejected()
    {
        Assert.Contains("name", Fail(Valid() with { Name = new string('x', Limits.MaxTownName + 1) }).Keys);
        Assert.Equal(Limits.MaxTownName, Validator.Town(Slug, Valid() with { Name = new string('x', Limits.MaxTownName) }).Name.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("BW-Tuebingen")]
    [InlineData("bw_tuebingen")]
    public void Region_must_be_a_slug(string? region) => Assert.Contains("region", Fail(Valid() with { Region = region }).Keys);

    [Theory]
    [InlineData("08416025", true)]
    [InlineData("00000000", true)]
    [InlineData("0841602", false)]
    [InlineData("084160255", false)]
    [InlineData("0841602a", false)]
    [InlineData("08 416 025", false)]
    [InlineData("", false)]
    public void Ags_has_exactly_eight_digits(string ags, bool valid) =>
        AssertField("ags", Valid() with { Ags = ags }, valid);

    [Fact]
    public void Ags_rejects_non_ascii_digits() =>
        Assert.Contains("ags", Fail(Valid() with { Ags = "\uFF10\uFF18\uFF14\uFF11\uFF16\uFF10\uFF12\uFF15" }).Keys);

    [Fact]
    public void Ags_rejects_trailing_newline() =>
        Assert.Contains("ags", Fail(Valid() with { Ags = "08416025\n" }).Keys);

    [Fact]
    public void Region_rejects_trailing_newline() =>
        Assert.Contains("region", Fail(Valid() with { Region = "bw-tuebingen\n" }).Keys);

    [Fact]
    public void Neighbour_rejects_trailing_newline() =>
        Assert.Equal(["neighbours[0]"], Fail(Valid() with { Neighbours = ["nehren\n"] }).Keys);

    [Fact]
    public void Default_language_rejects_trailing_newline() =>
        Assert.Equal(["defaultLanguage"], Fail(Valid() with { DefaultLanguage = "de\n" }).Keys);

    [Theory]
    [InlineData("+49 7473 370-0", true)]
    [InlineData("07473 3700", true)]
    [InlineData("+49 (0)7473 370/0", true)]
    [InlineData("110", true)]
    [InlineData("12", false)]
    [InlineData("+49 7473 370-", false)]
    [InlineData("tel:+4974733700", false)]
    [InlineData("+49 7473 ext. 5", false)]
    [InlineData("", false)]
    public void Phone_must_match_pattern(string phone, bool valid) =>
        AssertField("phone", Valid() with { Phone = phone }, valid);

    [Fact]
    public void Phone_longer_than_limit_is_rejected() =>
        Assert.Contains("phone", Fail(Valid() with { Phone = "+" + new string('1', Limits.MaxPhone) }).Keys);

    [Theory]
    [InlineData("https://www.moessingen.de", true)]
    [InlineData("http://www.moessingen.de/rathaus?x=1", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("JavaScript:alert(1)", false)]
    [InlineData("ftp://www.moessingen.de", false)]
    [InlineData("mailto:info@moessingen.de", false)]
    [InlineData("data:text/html,<script>alert(1)</script>", false)]
    [InlineData("/rathaus", false)]
    [InlineData("www.moessingen.de", false)]
    [InlineData("https://www.moessingen.de/a b", false)]
    [InlineData("https://www.moessingen .de", false)]
    [InlineData(" https://www.moessingen.de", false)]
    [InlineData("", false)]
    public void Website_must_be_absolute_http_or_https(string website, bool valid) =>
        AssertField("website", Valid() with { Website = website }, valid);

    [Fact]
    public void Website_longer_than_limit_is_rejected() =>
        Assert.Contains("website", Fail(Valid() with { Website = "https://example.org/" + new string('a', Limits.MaxUrl) }).Keys);

    [Fact]
    public void Duplicate_neighbours_are_collapsed_in_order()
    {
        var town = Validator.Town(Slug, Valid() with { Neighbours = ["nehren", "ofterdingen", "nehren", "ofterdingen"] });

        Assert.Equal(["nehren", "ofterdingen"], town.Neighbours);
    }

    [Fact]
    public void Own_slug_as_neighbour_is_rejected_at_its_index()
    {
        var errors = Fail(Valid() with { Neighbours = ["nehren", Slug] });

        Assert.Equal(["neighbours[1]"], errors.Keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Nehren")]
    [InlineData("n")]
    [InlineData("neh ren")]
    public void Invalid_neighbour_is_rejected_at_its_index(string? neighbour)
    {
        var errors = Fail(Valid() with { Neighbours = ["ofterdingen", neighbour] });

        Assert.Equal(["neighbours[1]"], errors.Keys);
    }

    [Fact]
    public void More_than_max_neighbours_is_rejected()
    {
        var many = Enumerable.Range(0, Limits.MaxNeighbours + 1).Select(i => (string?)$"town-{i}").ToList();

        Assert.Contains("neighbours", Fail(Valid() with { Neighbours = many }).Keys);
        Assert.Equal(Limits.MaxNeighbours, Validator.Town(Slug, Valid() with { Neighbours = many.Take(Limits.MaxNeighbours).ToList() }).Neighbours.Count);
    }

    [Theory]
    [InlineData(-90.0, -180.0, null)]
    [InlineData(90.0, 180.0, null)]
    [InlineData(0.0, 0.0, null)]
    [InlineData(90.0001, 9.0, "location.lat")]
    [InlineData(-90.0001, 9.0, "location.lat")]
    [InlineData(double.NaN, 9.0, "location.lat")]
    [InlineData(48.0, 180.0001, "location.lon")]
    [InlineData(48.0, -180.0001, "location.lon")]
    [InlineData(48.0, double.PositiveInfinity, "location.lon")]
    public void Location_must_be_in_range(double lat, double lon, string? errorKey)
    {
        var request = Valid() with { Location = new LocationRequest(lat, lon) };
        if (errorKey is null)
        {
            var location = Validator.Town(Slug, request).Location!;
            Assert.Equal(lat, location.Lat);
            Assert.Equal(lon, location.Lon);
        }
        else
        {
            Assert.Equal([errorKey], Fail(request).Keys);
        }
    }

    [Fact]
    public void Location_without_coordinates_reports_both()
    {
        var errors = Fail(Valid() with { Location = new LocationRequest(null, null) });

        Assert.Equal(["location.lat", "location.lon"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Internal_fields_have_length_limits()
    {
        var errors = Fail(Valid() with
        {
            Internal = new InternalRequest(
                new string('c', Limits.MaxInternalContact + 1),
                "not a phone",
                new string('n', Limits.MaxInternalNotes + 1)),
        });

        Assert.Equal(["internal.contact", "internal.notes", "internal.phone"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Internal_fields_at_the_limit_are_accepted()
    {
        var town = Validator.Town(Slug, Valid() with
        {
            Internal = new InternalRequest(new string('c', Limits.MaxInternalContact), null, new string('n', Limits.MaxInternalNotes)),
        });

        Assert.Equal(Limits.MaxInternalContact, town.Internal!.Contact!.Length);
        Assert.Equal(Limits.MaxInternalNotes, town.Internal.Notes!.Length);
    }

    [Theory]
    [InlineData(null, "de")]
    [InlineData("de", "de")]
    [InlineData("en", "en")]
    [InlineData("uk", "uk")]
    [InlineData("de-DE", "de-DE")]
    [InlineData("sr-Latn-RS", "sr-Latn-RS")]
    public void Default_language_defaults_to_de_and_accepts_tags(string? tag, string expected) =>
        Assert.Equal(expected, Validator.Town(Slug, Valid() with { DefaultLanguage = tag }).DefaultLanguage);

    [Theory]
    [InlineData("")]
    [InlineData("d")]
    [InlineData("deutsch")]
    [InlineData("de_DE")]
    [InlineData("de-")]
    [InlineData("12")]
    [InlineData("de DE")]
    public void Bad_default_language_is_rejected(string tag) =>
        Assert.Equal(["defaultLanguage"], Fail(Valid() with { DefaultLanguage = tag }).Keys);

    private static void AssertField(string field, TownRequest request, bool valid)
    {
        if (valid)
        {
            Validator.Town(Slug, request);
        }
        else
        {
            Assert.Equal([field], Fail(request).Keys);
        }
    }
}
