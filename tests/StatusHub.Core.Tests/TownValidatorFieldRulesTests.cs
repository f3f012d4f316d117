using StatusHub.Core.Validation;

namespace StatusHub.Core.Tests;

/// <summary>
/// <see cref="Validator.Town"/> has no rule of its own for a field a towns CSV holds: for those fields it reports exactly
/// what <see cref="TownRules.Check"/> (StatusHub.Contracts, run by <c>statushub towns import</c> before it writes anything)
/// reports, field by field, message by message and in the same order, and every other error it reports is for a field only
/// Core checks (<c>defaultLanguage</c>, <c>internal.*</c>). A rule added in Core for a CSV field, or a field Core stops
/// handing to <see cref="TownRules.Fields"/>, fails here. The rules themselves are tested through the API
/// (Validation*Tests, TownValidation*Tests) and the CLI (Cli.Tests).
/// </summary>
public class TownValidatorFieldRulesTests
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
    public void The_API_reports_the_client_rules_for_every_CSV_field(string name, TownRequest request)
    {
        var slug = name == "reserved slug" ? "incidents" : Slug;
        var client = TownRules.Check(slug, request).Select(e => $"{e.Key}: {e.Value}").ToList();

        Assert.Equal(client, ApiErrors(slug, request));
        Assert.Equal(name is "valid" or "only the required fields" or "name longest" or "name line break and tab" or "website http"
            or "phone with slash and brackets" or "neighbour twice" ? 0 : 1, Math.Min(client.Count, 1));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Core_adds_errors_only_for_the_fields_a_towns_CSV_does_not_hold(string name, TownRequest request)
    {
        var slug = name == "reserved slug" ? "incidents" : Slug;
        var withCoreFields = request with { DefaultLanguage = "not a tag", Internal = new InternalRequest("IT", "call us", null) };
        var api = ApiErrors(slug, withCoreFields);

        string[] coreOnly = name == "reserved slug"
            ? []
            : ["defaultLanguage: Must be a BCP 47 language tag such as 'de', 'en' or 'de-x-ls'.", "internal.contact: Contains the control character U+0007.",
                "internal.phone: Digits, spaces and + ( ) / - only, 3–40 characters, e.g. '+49 7473 370-0'."];
        Assert.Equal(coreOnly, api.Where(e => e.StartsWith("defaultLanguage:", StringComparison.Ordinal) || e.StartsWith("internal.", StringComparison.Ordinal)));
        Assert.Equal(
            TownRules.Check(slug, request).Select(e => $"{e.Key}: {e.Value}"),
            api.Where(e => !e.StartsWith("defaultLanguage:", StringComparison.Ordinal) && !e.StartsWith("internal.", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_client_rules_refuse_fields_a_towns_CSV_does_not_hold()
    {
        Assert.Throws<ArgumentException>(() => TownRules.Check(Slug, Valid() with { DefaultLanguage = "de" }));
        Assert.Throws<ArgumentException>(() => TownRules.Check(Slug, Valid() with { Internal = new InternalRequest("IT", null, null) }));
    }

    /// <summary>The errors of <see cref="Validator.Town"/> as "field: message", in the order it reports them.</summary>
    private static List<string> ApiErrors(string slug, TownRequest request)
    {
        try
        {
            Validator.Town(slug, request);
            return [];
        }
        catch (ValidationFailedException e)
        {
            return e.Errors.SelectMany(field => field.Value.Select(message => $"{field.Key}: {message}")).ToList();
        }
    }
}
