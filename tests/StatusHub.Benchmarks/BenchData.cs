using System.Text.Json;
using System.Text.Json.Nodes;
using StatusHub.Core.Documents;
using StatusHub.Core.Domain;
using StatusHub.Core.Validation;

namespace StatusHub.Benchmarks;

/// <summary>
/// The data every benchmark runs on: the Mössingen demo town (samples/demo/towns/moessingen.json) turned into a
/// snapshot by the real validator, as the API would store it, and synthetic regions built from it.
/// </summary>
public static class BenchData
{
    public static readonly DateTimeOffset Now = new(2023, 11, 21, 9, 0, 0, TimeSpan.FromHours(1));

    public static readonly Uri SiteBaseUrl = new("https://status.example.org/");

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The demo town file's raw bytes.</summary>
    public static byte[] DemoFile(string slug = "moessingen") =>
        File.ReadAllBytes(Path.Combine(RepositoryRoot, "samples", "demo", "towns", slug + ".json"));

    /// <summary>The request bodies of a demo town (status, services, Q&amp;A) as the API receives them.</summary>
    public static DemoRequests Requests(string slug = "moessingen")
    {
        var root = JsonNode.Parse(DemoFile(slug))!.AsObject();
        var status = root["status"]!.ToJsonString();
        var services = new JsonObject { ["services"] = root["services"]!.DeepClone() }.ToJsonString();
        var qa = new JsonObject { ["items"] = root["qa"]!.DeepClone() }.ToJsonString();
        var town = root["town"]!.ToJsonString();
        var updates = root["updates"]!.AsArray().Select(u => u!.ToJsonString()).ToList();
        return new DemoRequests(root["slug"]!.GetValue<string>(), town, status, services, qa, updates);
    }

    /// <summary>The demo town as stored after publishing it through the API (every part validated by <see cref="Validator"/>).</summary>
    public static TownSnapshot Snapshot(string slug = "moessingen")
    {
        var requests = Requests(slug);
        var profile = Validator.Town(requests.Slug, JsonSerializer.Deserialize<TownRequest>(requests.Town, Web)! with { Internal = null });
        var language = profile.DefaultLanguage;
        var status = Validator.Status(JsonSerializer.Deserialize<StatusRequest>(requests.Status, Web), language, Now);
        var services = Validator.Services(JsonSerializer.Deserialize<ServiceListRequest>(requests.Services, Web), language);
        var qa = Validator.Qa(JsonSerializer.Deserialize<QaRequest>(requests.Qa, Web), language);
        var updates = requests.Updates
            .Select((u, i) => Validator.Update(JsonSerializer.Deserialize<UpdateRequest>(u, Web), language, Now) is var (text, at) ? new TimelineUpdate($"u{i + 1}", text, at) : null!)
            .ToList();
        return new TownSnapshot(profile, status, services, qa, updates, [], status.AsOf ?? Now, "\"demo\"");
    }

    public static TownDocument Document(string slug = "moessingen") => TownDocument.From(Snapshot(slug), []);

    /// <summary>
    /// <paramref name="count"/> synthetic towns shaped like Mössingen, in regions of at most <paramref name="perRegion"/>:
    /// levels and service states vary, each town has four neighbours, every fourth town offers two services to its neighbours.
    /// </summary>
    public static IReadOnlyList<TownSnapshot> Towns(int count, int perRegion = 500)
    {
        var template = Snapshot();
        var levels = Enum.GetValues<TownLevel>();
        var states = new[] { ServiceState.Available, ServiceState.Limited, ServiceState.Unavailable, ServiceState.Available };
        var towns = new List<TownSnapshot>(count);
        for (var i = 0; i < count; i++)
        {
            var slug = Slug(i);
            var neighbours = new[] { -2, -1, 1, 2 }.Select(d => i + d).Where(n => n >= 0 && n < count).Select(Slug).ToList();
            var profile = template.Profile with
            {
                Slug = slug,
                Name = $"Teststadt {i}",
                Region = $"region-{i / perRegion:000}",
                Neighbours = neighbours,
                Location = new GeoLocation(47.5 + (i % 97) * 0.04, 6.0 + (i % 89) * 0.1),
            };
            var provider = i % 4 == 0;
            var services = template.Services
                .Select((s, k) => s with { State = provider && s.Id is "vehicle-registration" or "id-documents" ? ServiceState.Available : states[(i + k) % states.Length] })
                .ToList();
            var offers = provider
                ? new List<AidOffer>
                {
                    new("kfz", "vehicle-registration", [], new LocalizedText { ["de"] = "Termin nötig." }, null),
                    new("ausweis", "id-documents", [], new LocalizedText { ["de"] = "Nur vormittags." }, Now.AddDays(7)),
                }
                : [];
            var status = template.Status with { Level = provider ? TownLevel.Normal : levels[i % levels.Length] };
            towns.Add(template with { Profile = profile, Status = status, Services = services, Offers = offers, UpdatedAt = Now.AddMinutes(-i) });
        }

        // Every town has accepted every offer that is for it (API.md: only accepted offers help), so the matcher does
        // all of its work.
        var acceptances = towns
            .SelectMany(p => p.Offers.SelectMany(o => o.Receivers(p.Profile).Select(r => (Receiver: r, Acceptance: new AidAcceptance(p.Profile.Slug, o.Id, o.Terms, Now, "town")))))
            .ToLookup(a => a.Receiver, a => a.Acceptance);
        return towns.Select(t => t with { AcceptedAid = acceptances[t.Profile.Slug].ToList() }).ToList();
    }

    public static string Slug(int i) => $"town-{i:00000}";

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "StatusHub.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No StatusHub.sln above {AppContext.BaseDirectory}: run the benchmarks inside the checkout.");
    }
}

/// <summary>The JSON request bodies of one demo town.</summary>
public sealed record DemoRequests(string Slug, string Town, string Status, string Services, string Qa, IReadOnlyList<string> Updates);
