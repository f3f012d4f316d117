using StatusHub.Core.Validation;

namespace StatusHub.Core.Tests;

/// <summary>
/// The client's copy of the town rules (<see cref="TownRules"/>, in StatusHub.Contracts, used by <c>statushub towns
/// import</c> before it writes anything) says exactly what the API's <see cref="Validator.Town"/> says, field by field and
/// message by message, for the fields a towns CSV holds: a rule changed in one and not the other fails here.
/// </summary>
public class TownRulesAgreementTests
{
    private const string Slug = "moessingen";

    private static TownRequest Valid() => new(
        Name: "Mössingen",
        Region: "bw-tuebingen",
        Ags: "08416025",
        DefaultLanguage: null,
        Website: "https://www.moessingen.de",
        Phone: "+49 7473 370-0",
        Neighbours: ["ofterdingen", "nehren"],
        Location: new LocationRequest(48.406, 9.057),
        Internal: null);

    public static TheoryData<string, TownRequest> Cases() => new()
    {
        { "valid", Valid() },
        { "only the required fields", new TownRequest("Nehren", "bw-tuebingen", null, null, null, null, null, null, null) },
        { "reserved slug", Valid() },
        { "name missing", Valid() with { Name = null } },
        { "name blank", Valid() with { Name = "   " } },
        { "name too long", Valid() with { Name = new string('x', Limits.MaxTownName + 1) } },
        { "name longest", Valid() with { Name = new string('x', Limits.MaxTownName) } },
        { "name grows past the limit in NFC", Valid() with { Name = new string('\u0958', Limits.MaxTownName / 2 + 1) } },
        { "name control character", Valid() with { Name = "Mös\u0007singen" } },
        { "name non-character", Valid() with { Name = "Mös\uFFFEsingen" } },
        { "name unpaired surrogate", Valid() with { Name = "Mös\uD800singen" } },
        { "name line break and tab", Valid() with { Name = "Mös\tsin\ngen" } },
        { "region missing", Valid() with { Region = null } },
        { "region not a slug", Valid() with { Region = "BW Tübingen" } },
        { "region one character", Valid() with { Region = "b" } },
        { "ags short", Valid() with { Ags = "0841602" } },
        { "ags letters", Valid() with { Ags = "0841602x" } },
        { "ags trailing newline", Valid() with { Ags = "08416025\n" } },
        { "website relative", Valid() with { Website = "www.moessingen.de" } },
        { "website ftp", Valid() with { Website = "ftp://moessingen.de" } },
        { "website javascript", Valid() with { Website = "javascript:alert(1)" } },
        { "website space", Valid() with { Website = "https://www.moessingen.de/a b" } },
        { "website too long", Valid() with { Website = "https://www.moessingen.de/" + new string('a', Limits.MaxUrl) } },
        { "website http", Valid() with { Website = "http://www.moessingen.de" } },
        { "phone letters", Valid() with { Phone = "call us" } },
        { "phone too short", Valid() with { Phone = "12" } },
        { "phone too long", Valid() with { Phone = "+49 " + new string('1', Limits.MaxPhone) } },
        { "phone with slash and brackets", Valid() with { Phone = "(07473) 370/0" } },
        { "neighbour not a slug", Valid() with { Neighbours = ["Nehren", "ofterdingen"] } },
        { "neighbour itself", Valid() with { Neighbours = [Slug] } },
        { "neighbour null", Valid() with { Neighbours = [null] } },
        { "neighbour twice", Valid() with { Neighbours = ["nehren", "nehren"] } },
        { "too many neighbours", Valid() with { Neighbours = Enumerable.Range(0, Limits.MaxNeighbours + 1).Select(i => (string?)$"town-{i}").ToList() } },
        { "latitude out of range", Valid() with { Location = new LocationRequest(91, 9) } },
        { "longitude out of range", Valid() with { Location = new LocationRequest(48, -181) } },
        { "latitude without longitude", Valid() with { Location = new LocationRequest(48, null) } },
        { "location object without coordinates", Valid() with { Location = new LocationRequest(null, null) } },
        { "everything wrong", new TownRequest("", "X", "1", null, "mailto:a@b.de", "phone", [Slug, "A"], new LocationRequest(-90.5, 180.5), null) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_client_and_the_API_report_the_same_errors(string name, TownRequest request)
    {
        var slug = name == "reserved slug" ? "incidents" : Slug;
        IReadOnlyDictionary<string, string[]> api;
        try
        {
            Validator.Town(slug, request);
            api = new Dictionary<string, string[]>();
        }
        catch (ValidationFailedException e)
        {
            api = e.Errors;
        }

        var client = TownRules.Check(slug, request)
            .GroupBy(e => e.Key)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Value).ToArray());

        Assert.Equal(
            api.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {string.Join(" | ", e.Value)}"),
            client.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {string.Join(" | ", e.Value)}"));
        Assert.Equal(name is "valid" or "only the required fields" or "name longest" or "name line break and tab" or "website http"
            or "phone with slash and brackets" or "neighbour twice" ? 0 : 1, Math.Min(client.Count, 1));
    }

    [Fact]
    public void The_slug_rule_is_the_API_one()
    {
        string?[] values = [null, "", "a", "ab", "a-b", "a--b", "-ab", "ab-", "AB", "ä-b", "a b", new string('a', 63), new string('a', 64), "a1-2b", "ab\n"];
        foreach (var value in values)
        {
            Assert.Equal(Validator.IsSlug(value), TownRules.IsSlug(value));
        }

        Assert.Equal(Validator.SlugRule, TownRules.SlugRule);
        Assert.Equal(Validator.ReservedTownSlugs.Order(), TownRules.ReservedTownSlugs.Order());
    }

    [Fact]
    public void The_client_rules_refuse_fields_a_towns_CSV_does_not_hold()
    {
        Assert.Throws<ArgumentException>(() => TownRules.Check(Slug, Valid() with { DefaultLanguage = "de" }));
        Assert.Throws<ArgumentException>(() => TownRules.Check(Slug, Valid() with { Internal = new InternalRequest("IT", null, null) }));
    }
}
