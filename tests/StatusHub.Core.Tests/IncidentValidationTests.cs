using StatusHub.Core.Documents;
using StatusHub.Core.Validation;

namespace StatusHub.Core.Tests;

/// <summary>PUT /api/v1/incidents/{incident}: the rules of a shared incident, and which incidents a member town shows.</summary>
public class IncidentValidationTests
{
    private static readonly DateTimeOffset Now = new(2023, 11, 20, 8, 0, 0, TimeSpan.Zero);

    private static IncidentRequest Valid(
        IReadOnlyList<string?>? towns = null, string? startedAt = "2023-10-30T06:00:00+01:00", string? resolvedAt = null, string? moreInfoUrl = "https://example.org/") =>
        new(TestSupport.Text(("de", " Cyberangriff "), ("EN", "Cyberattack")), TestSupport.De("Seit 30. Oktober …"), towns ?? ["burbach", "siegen"], startedAt, resolvedAt, moreInfoUrl);

    private static IReadOnlyDictionary<string, string[]> Fail(IncidentRequest? request) =>
        TestSupport.Rejected(() => Validator.Incident("swit-2023", request, Now));

    [Fact]
    public void A_valid_incident_is_trimmed_canonical_and_in_utc()
    {
        var incident = Validator.Incident("swit-2023", Valid(towns: ["burbach", "siegen", "burbach"]), Now);

        Assert.Equal("Cyberangriff", incident.Title["de"]);
        Assert.Equal("Cyberattack", incident.Title["en"]);
        Assert.Equal(["burbach", "siegen"], incident.Towns);
        Assert.Equal(new DateTimeOffset(2023, 10, 30, 5, 0, 0, TimeSpan.Zero), incident.StartedAt);
        Assert.Equal(TimeSpan.Zero, incident.StartedAt.Offset);
        Assert.Equal(new DateTimeOffset(2023, 11, 20, 7, 0, 0, TimeSpan.Zero), Validator.Incident("swit-2023", Valid(resolvedAt: "2023-11-20T08:00:00+01:00"), Now).ResolvedAt);
    }

    [Fact]
    public void German_title_and_summary_are_required()
    {
        var missing = Fail(Valid() with { Title = TestSupport.Text(("en", "Only English")), Summary = null });
        Assert.Contains("title.de", missing.Keys);
        Assert.Contains("summary", missing.Keys);
        Assert.Contains("title.de", Fail(Valid() with { Title = TestSupport.De(new string('x', Limits.MaxHeadline + 1)) }).Keys);
        Assert.Contains("summary.de", Fail(Valid() with { Summary = TestSupport.De(new string('x', Limits.MaxSummary + 1)) }).Keys);
    }

    [Fact]
    public void Towns_are_one_to_a_thousand_slugs_and_no_site_folder()
    {
        Assert.Contains("towns", Fail(Valid(towns: [])).Keys);
        Assert.Contains("towns", Fail(Valid() with { Towns = null }).Keys);
        Assert.Contains("towns", Fail(Valid(towns: Enumerable.Range(0, Limits.MaxIncidentTowns + 1).Select(i => (string?)$"town-{i}").ToList())).Keys);
        Validator.Incident("swit-2023", Valid(towns: Enumerable.Range(0, Limits.MaxIncidentTowns).Select(i => (string?)$"town-{i}").ToList()), Now);
        var bad = Fail(Valid(towns: ["siegen", "Not A Slug", null, "incidents"]));
        Assert.Contains("towns[1]", bad.Keys);
        Assert.Contains("towns[2]", bad.Keys);
        Assert.Contains("towns[3]", bad.Keys);
    }

    [Fact]
    public void Times_are_required_sane_and_in_order()
    {
        Assert.Contains("startedAt", Fail(Valid(startedAt: null)).Keys);
        Assert.Contains("startedAt", Fail(Valid(startedAt: "30.10.2023")).Keys);
        Assert.Contains("startedAt", Fail(Valid(startedAt: "2023-11-22T08:00:00Z")).Keys);
        Validator.Incident("swit-2023", Valid(startedAt: "2023-11-20T20:00:00Z"), Now);
        Assert.Contains("resolvedAt", Fail(Valid(resolvedAt: "2023-10-29T06:00:00+01:00")).Keys);
        Assert.Contains("resolvedAt", Fail(Valid(resolvedAt: "2023-11-25T06:00:00+01:00")).Keys);
        Validator.Incident("swit-2023", Valid(resolvedAt: "2023-10-30T06:00:00+01:00"), Now);
    }

    [Fact]
    public void More_info_is_an_http_or_https_url()
    {
        Assert.Contains("moreInfoUrl", Fail(Valid(moreInfoUrl: "javascript:alert(1)")).Keys);
        Assert.Contains("moreInfoUrl", Fail(Valid(moreInfoUrl: "ftp://example.org/")).Keys);
        Assert.Equal("http://example.org/lage", Validator.Incident("swit-2023", Valid(moreInfoUrl: "http://example.org/lage"), Now).MoreInfoUrl);
    }

    [Fact]
    public void Unknown_towns_are_named()
    {
        var errors = TestSupport.Rejected(() => Validator.RequireKnownTowns("towns", ["siegen", "atlantis", "lummerland"], new HashSet<string> { "siegen" }));
        Assert.Contains("'atlantis'", errors["towns"][0], StringComparison.Ordinal);
        Assert.Contains("'lummerland'", errors["towns"][0], StringComparison.Ordinal);
        Assert.DoesNotContain("'siegen'", errors["towns"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_town_shows_open_incidents_first_then_those_resolved_in_the_last_two_weeks_with_their_latest_updates()
    {
        static IncidentDocument Incident(string id, DateTimeOffset started, DateTimeOffset? resolved, params string[] towns) =>
            new(id, new LocalizedText { ["de"] = id }, new LocalizedText { ["de"] = "…" }, towns, started, resolved, null,
                Enumerable.Range(0, 8).Select(i => new TimelineUpdate($"u{i}", new LocalizedText { ["de"] = $"{i}" }, started.AddHours(-i))).ToList());

        var incidents = new[]
        {
            Incident("resolved-recently", Now.AddDays(-30), Now.AddDays(-3), "siegen"),
            Incident("resolved-long-ago", Now.AddDays(-60), Now.AddDays(-15), "siegen"),
            Incident("open-older", Now.AddDays(-20), null, "siegen"),
            Incident("open-newer", Now.AddDays(-2), null, "siegen"),
            Incident("other-towns", Now.AddDays(-1), null, "burbach"),
        };

        var shown = IncidentSelection.ForTown("siegen", incidents, Now);

        Assert.Equal(["open-newer", "open-older", "resolved-recently"], shown.Select(i => i.Id));
        Assert.All(shown, i => Assert.Equal(IncidentSelection.LatestUpdates, i.Updates.Count));
        Assert.Equal("u0", shown[0].Updates[0].Id);
        Assert.DoesNotContain(IncidentSelection.ForTown("siegen", incidents, Now.AddDays(30)), i => i.ResolvedAt is not null);
    }

    [Fact]
    public void A_thousand_long_slugs_survive_the_table_columns_they_are_split_over()
    {
        var towns = Enumerable.Range(0, Limits.MaxIncidentTowns).Select(i => $"{i:D4}-" + new string('x', Limits.MaxSlugLength - 5)).ToList();
        var row = new Azure.Data.Tables.TableEntity("p", "r");
        Storage.TownRows.WriteList(row, "Towns", towns);

        Assert.All(row.Select(p => p.Value).OfType<string>(), column => Assert.True(column.Length <= 32 * 1024));
        Assert.NotNull(row.GetString("Towns1"));
        Assert.Equal(towns, Storage.TownRows.ReadList(row, "Towns"));

        var empty = new Azure.Data.Tables.TableEntity("p", "r");
        Storage.TownRows.WriteList(empty, "Towns", []);
        Assert.Empty(Storage.TownRows.ReadList(empty, "Towns"));
    }
}
