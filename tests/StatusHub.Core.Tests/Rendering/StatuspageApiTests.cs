using System.Globalization;
using System.Text.Json;
using StatusHub.Core.Documents;
using StatusHub.Core.Rendering;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>
/// The Statuspage v2 files of a town, field by field as Atlassian's public API documents them (and as the statuspage.io
/// npm client's Result types name them): page, status, components, incidents with their updates, maintenances.
/// </summary>
public sealed class StatuspageApiTests
{
    private static readonly DateTimeOffset Start = new(2023, 11, 20, 8, 0, 0, TimeSpan.FromHours(1));

    /// <summary>A disrupted town with e-mail down and a three-update timeline (stored newest first, as the API returns it).</summary>
    private static TownDocument Disrupted() => Pages.Minimal() with
    {
        Level = TownLevel.Disrupted,
        AsOf = Start.AddMinutes(30),
        Services =
        [
            Pages.Service("phone", ServiceState.Available, Pages.De("Erreichbar.")),
            Pages.Service("email", ServiceState.Unavailable, Pages.De("Keine E-Mails.")),
            Pages.Service("payments", ServiceState.Limited, new LocalizedText()),
        ],
        Updates =
        [
            new TimelineUpdate("u3", Pages.De("Bürgerbüro wieder offen."), Start.AddHours(5)),
            new TimelineUpdate("u2", Pages.De("Telefone gehen wieder."), Start.AddHours(2)),
            new TimelineUpdate("u1", Pages.De("Cyberangriff festgestellt."), Start),
        ],
    };

    /// <summary>The same town after its return to normal operation, published a day after the attack began.</summary>
    private static TownDocument BackToNormal() => Disrupted() with
    {
        Level = TownLevel.Normal,
        AsOf = Start.AddDays(1),
        Services = Disrupted().Services.Select(s => s with { State = ServiceState.Available }).ToList(),
    };

    private static Dictionary<string, JsonElement> Files(TownDocument document, DateTimeOffset? renderedAt = null) =>
        StatuspageApi.Render(document, Pages.Site, renderedAt ?? Pages.RenderedAt)
            .ToDictionary(f => f.Path[(document.Town.Slug.Length + "/api/v2/".Length)..], f => JsonDocument.Parse(f.Content).RootElement);

    [Fact]
    public void Update_bodies_are_plain_text_without_markdown()
    {
        var document = Disrupted() with
        {
            Updates = [new TimelineUpdate("md", Pages.De("Bitte **zuerst telefonisch** melden: [Terminvergabe](https://example.org/termin)"), Start.AddHours(1))],
        };

        var incident = Assert.Single(Files(document)["incidents.json"].GetProperty("incidents").EnumerateArray());
        var body = String(Assert.Single(incident.GetProperty("incident_updates").EnumerateArray()), "body");

        Assert.DoesNotContain("**", body, StringComparison.Ordinal);
        Assert.DoesNotContain("](", body, StringComparison.Ordinal);
        Assert.Contains("zuerst telefonisch", body, StringComparison.Ordinal);
        Assert.Contains("https://example.org/termin", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Are_the_eight_documented_paths_as_json_with_the_site_cache()
    {
        var files = StatuspageApi.Render(Disrupted(), Pages.Site, Pages.RenderedAt);

        Assert.Equal(
            [
                "musterstadt/api/v2/summary.json", "musterstadt/api/v2/status.json", "musterstadt/api/v2/components.json",
                "musterstadt/api/v2/incidents.json", "musterstadt/api/v2/incidents/unresolved.json",
                "musterstadt/api/v2/scheduled-maintenances.json", "musterstadt/api/v2/scheduled-maintenances/upcoming.json",
                "musterstadt/api/v2/scheduled-maintenances/active.json",
            ],
            files.Select(f => f.Path));
        Assert.Equal(SitePaths.Statuspage("musterstadt"), files.Select(f => f.Path));
        Assert.All(files, f => Assert.Equal((SiteFile.Json, SiteFile.ShortCache), (f.ContentType, f.CacheControl)));
    }

    [Fact]
    public async Task Are_part_of_the_town_files()
    {
        var files = await new TownSiteRenderer(Pages.Html).RenderTownAsync(Disrupted(), Pages.Site, Pages.RenderedAt);

        Assert.All(SitePaths.Statuspage("musterstadt"), path => Assert.Single(files, f => f.Path == path));
    }

    [Fact]
    public void A_disrupted_town_has_every_field_with_its_type_and_one_open_incident_with_every_timeline_update()
    {
        var files = Files(Disrupted());
        foreach (var (name, file) in files)
        {
            AssertPage(file.GetProperty("page"), name);
        }

        var summary = files["summary.json"];
        var status = summary.GetProperty("status");
        Assert.Equal("minor", String(status, "indicator"));
        Assert.Equal("Partially Degraded Service", String(status, "description"));
        Assert.Equal(status.GetRawText(), files["status.json"].GetProperty("status").GetRawText());

        var components = summary.GetProperty("components").EnumerateArray().ToList();
        Assert.Equal(3, components.Count);
        Assert.All(components, AssertComponent);
        Assert.Equal(["operational", "major_outage", "partial_outage"], components.Select(c => String(c, "status")));
        Assert.Equal([1, 2, 3], components.Select(c => c.GetProperty("position").GetInt32()));
        Assert.Equal(summary.GetProperty("components").GetRawText(), files["components.json"].GetProperty("components").GetRawText());

        var incident = Assert.Single(summary.GetProperty("incidents").EnumerateArray());
        AssertIncident(incident);
        Assert.Equal("identified", String(incident, "status"));
        Assert.Equal("minor", String(incident, "impact"));
        Assert.Equal(JsonValueKind.Null, incident.GetProperty("resolved_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, incident.GetProperty("monitoring_at").ValueKind);
        Assert.Equal("Verwaltung eingeschränkt erreichbar", String(incident, "name"));
        Assert.Equal("https://status.example.org/musterstadt/", String(incident, "shortlink"));
        Assert.Equal(Start, Time(incident, "started_at"));
        Assert.Equal(Start, Time(incident, "created_at"));
        Assert.Equal(Start.AddHours(5), Time(incident, "updated_at"));
        Assert.Equal(["musterstadt-email", "musterstadt-payments"], incident.GetProperty("components").EnumerateArray().Select(c => String(c, "id")));

        // Every update of the timeline, newest first as on Statuspage, each at its own time.
        var updates = incident.GetProperty("incident_updates").EnumerateArray().ToList();
        Assert.Equal(Disrupted().Updates.Count, updates.Count);
        Assert.All(updates, u => AssertUpdate(u, String(incident, "id")));
        Assert.Equal(["Bürgerbüro wieder offen.", "Telefone gehen wieder.", "Cyberangriff festgestellt."], updates.Select(u => String(u, "body")));
        Assert.Equal([Start.AddHours(5), Start.AddHours(2), Start], updates.Select(u => Time(u, "created_at")));
        Assert.All(updates, u => Assert.Equal("identified", String(u, "status")));
        Assert.Equal(updates.Count, updates.Select(u => String(u, "id")).Distinct().Count());

        // The summary, the incident list and the unresolved list carry the very same incident.
        Assert.Equal(incident.GetRawText(), Assert.Single(files["incidents.json"].GetProperty("incidents").EnumerateArray()).GetRawText());
        Assert.Equal(incident.GetRawText(), Assert.Single(files["incidents/unresolved.json"].GetProperty("incidents").EnumerateArray()).GetRawText());

        Assert.Equal(0, summary.GetProperty("scheduled_maintenances").GetArrayLength());
        foreach (var name in new[] { "scheduled-maintenances.json", "scheduled-maintenances/upcoming.json", "scheduled-maintenances/active.json" })
        {
            Assert.Equal(JsonValueKind.Array, files[name].GetProperty("scheduled_maintenances").ValueKind);
            Assert.Equal(0, files[name].GetProperty("scheduled_maintenances").GetArrayLength());
        }
    }

    [Fact]
    public void The_incident_is_resolved_when_the_town_returns_to_normal_and_keeps_its_id()
    {
        var open = Assert.Single(Files(Disrupted())["incidents.json"].GetProperty("incidents").EnumerateArray());
        var files = Files(BackToNormal());

        var incident = Assert.Single(files["incidents.json"].GetProperty("incidents").EnumerateArray());
        AssertIncident(incident);
        Assert.Equal(String(open, "id"), String(incident, "id"));
        Assert.Equal("resolved", String(incident, "status"));
        Assert.Equal(Start.AddDays(1), Time(incident, "resolved_at"));
        Assert.Equal(Start.AddDays(1), Time(incident, "updated_at"));
        Assert.Equal(Start, Time(incident, "started_at"));
        Assert.Equal("none", String(incident, "impact"));
        Assert.Equal(0, incident.GetProperty("components").GetArrayLength());
        Assert.Equal(3, incident.GetProperty("incident_updates").GetArrayLength());

        Assert.Equal(0, files["incidents/unresolved.json"].GetProperty("incidents").GetArrayLength());
        Assert.Equal(0, files["summary.json"].GetProperty("incidents").GetArrayLength());
        Assert.Equal("none", String(files["status.json"].GetProperty("status"), "indicator"));
        Assert.Equal("All Systems Operational", String(files["status.json"].GetProperty("status"), "description"));
    }

    [Fact]
    public void An_update_after_the_return_to_normal_is_a_resolved_update()
    {
        var later = BackToNormal() with
        {
            Updates = [new TimelineUpdate("u4", Pages.De("Alles wieder normal."), Start.AddDays(1).AddMinutes(5)), .. BackToNormal().Updates],
        };

        var incident = Assert.Single(Files(later)["incidents.json"].GetProperty("incidents").EnumerateArray());
        Assert.Equal(["resolved", "identified", "identified", "identified"], incident.GetProperty("incident_updates").EnumerateArray().Select(u => String(u, "status")));
        Assert.Equal(Start.AddDays(1).AddMinutes(5), Time(incident, "updated_at"));
    }

    [Fact]
    public void A_town_that_never_left_normal_operation_has_no_incident()
    {
        var quiet = Pages.Minimal() with { Level = TownLevel.Normal };
        var notices = quiet with { Updates = [new TimelineUpdate("n1", Pages.De("Am Freitag geschlossen."), quiet.AsOf!.Value.AddHours(1))] };

        foreach (var document in new[] { quiet, notices })
        {
            var files = Files(document);
            Assert.Equal(0, files["incidents.json"].GetProperty("incidents").GetArrayLength());
            Assert.Equal(0, files["summary.json"].GetProperty("incidents").GetArrayLength());
        }
    }

    [Fact]
    public void An_open_incident_without_updates_begins_at_the_status_time()
    {
        var incident = Assert.Single(Files(Disrupted() with { Updates = [] })["summary.json"].GetProperty("incidents").EnumerateArray());

        Assert.Equal(Start.AddMinutes(30), Time(incident, "started_at"));
        Assert.Equal(0, incident.GetProperty("incident_updates").GetArrayLength());
    }

    [Fact]
    public void Their_bytes_do_not_depend_on_the_render_time_and_a_new_update_changes_only_the_incident_files()
    {
        var first = StatuspageApi.Render(Disrupted(), Pages.Site, Pages.RenderedAt);
        Assert.Equal(first.Select(f => f.ContentHash), StatuspageApi.Render(Disrupted(), Pages.Site, Pages.RenderedAt.AddDays(1)).Select(f => f.ContentHash));

        var updated = Disrupted() with { Updates = [new TimelineUpdate("u4", Pages.De("Neu."), Start.AddHours(6)), .. Disrupted().Updates] };
        var changed = StatuspageApi.Render(updated, Pages.Site, Pages.RenderedAt)
            .Zip(first, (after, before) => (after.Path, Changed: after.ContentHash != before.ContentHash))
            .Where(f => f.Changed).Select(f => f.Path);
        Assert.Equal(["musterstadt/api/v2/summary.json", "musterstadt/api/v2/incidents.json", "musterstadt/api/v2/incidents/unresolved.json"], changed);
    }

    private static void AssertPage(JsonElement page, string file)
    {
        Assert.True(page.ValueKind == JsonValueKind.Object, file);
        Assert.Equal("musterstadt", String(page, "id"));
        Assert.Equal("Musterstadt", String(page, "name"));
        Assert.Equal("https://status.example.org/musterstadt/", String(page, "url"));
        Assert.Equal("Europe/Berlin", String(page, "time_zone"));
        Assert.Equal(Start.AddMinutes(30), Time(page, "updated_at"));
    }

    private static void AssertComponent(JsonElement component)
    {
        foreach (var name in new[] { "id", "name", "status", "page_id" })
        {
            Assert.Equal(JsonValueKind.String, component.GetProperty(name).ValueKind);
        }

        Time(component, "created_at");
        Time(component, "updated_at");
        Assert.Equal(JsonValueKind.Number, component.GetProperty("position").ValueKind);
        Assert.Contains(component.GetProperty("description").ValueKind, new[] { JsonValueKind.String, JsonValueKind.Null });
        foreach (var name in new[] { "showcase", "group", "only_show_if_degraded" })
        {
            Assert.Contains(component.GetProperty(name).ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        }

        Assert.Equal(JsonValueKind.Null, component.GetProperty("group_id").ValueKind);
        Assert.Equal("musterstadt", String(component, "page_id"));
        Assert.Contains(String(component, "status"), new[] { "operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance" });
    }

    private static void AssertIncident(JsonElement incident)
    {
        foreach (var name in new[] { "id", "name", "status", "impact", "shortlink", "page_id" })
        {
            Assert.Equal(JsonValueKind.String, incident.GetProperty(name).ValueKind);
        }

        foreach (var name in new[] { "created_at", "updated_at", "started_at" })
        {
            Time(incident, name);
        }

        foreach (var name in new[] { "monitoring_at", "resolved_at" })
        {
            var value = incident.GetProperty(name);
            Assert.True(value.ValueKind == JsonValueKind.Null || Time(incident, name) != default, name);
        }

        Assert.Contains(String(incident, "status"), new[] { "investigating", "identified", "monitoring", "resolved", "postmortem" });
        Assert.Contains(String(incident, "impact"), new[] { "none", "minor", "major", "critical" });
        Assert.Equal(JsonValueKind.Array, incident.GetProperty("incident_updates").ValueKind);
        Assert.Equal(JsonValueKind.Array, incident.GetProperty("components").ValueKind);
        Assert.All(incident.GetProperty("components").EnumerateArray(), AssertComponent);
    }

    private static void AssertUpdate(JsonElement update, string incidentId)
    {
        foreach (var name in new[] { "id", "status", "body" })
        {
            Assert.Equal(JsonValueKind.String, update.GetProperty(name).ValueKind);
        }

        Assert.Equal(incidentId, String(update, "incident_id"));
        Assert.Equal(Time(update, "created_at"), Time(update, "updated_at"));
        Assert.Equal(Time(update, "created_at"), Time(update, "display_at"));
        Assert.Equal(JsonValueKind.Null, update.GetProperty("affected_components").ValueKind);
    }

    private static string String(JsonElement element, string name)
    {
        var value = element.GetProperty(name);
        Assert.True(value.ValueKind == JsonValueKind.String, $"{name}: {value.ValueKind}");
        return value.GetString()!;
    }

    /// <summary>An ISO 8601 timestamp in UTC (<c>Z</c>), as the rest of the site writes them.</summary>
    private static DateTimeOffset Time(JsonElement element, string name)
    {
        var text = String(element, name);
        Assert.EndsWith("Z", text, StringComparison.Ordinal);
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
    }
}
