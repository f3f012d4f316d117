using System.Text.Json.Nodes;

namespace StatusHub.LoadHarness;

/// <summary>Request bodies modelled on the Mössingen demo (samples/demo/towns/moessingen.json), so pages have a real size.</summary>
internal sealed class DemoBodies
{
    private readonly JsonObject _file;

    private DemoBodies(JsonObject file) => _file = file;

    public static DemoBodies Load(string root) =>
        new(JsonNode.Parse(File.ReadAllText(Path.Combine(root, "samples", "demo", "towns", "moessingen.json")))!.AsObject());

    public JsonNode Qa => new JsonObject { ["items"] = _file["qa"]!.DeepClone() };

    public JsonNode Profile(string slug, string region, string[] neighbours)
    {
        var town = _file["town"]!.DeepClone().AsObject();
        town["name"] = "Harness " + slug;
        town["region"] = region;
        town["neighbours"] = new JsonArray(neighbours.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());
        return town;
    }

    /// <summary>The demo status with its own headline and "as of".</summary>
    public JsonNode Status(string headline, DateTimeOffset asOf)
    {
        var status = _file["status"]!.DeepClone().AsObject();
        status["headline"]!["de"] = headline;
        status["asOf"] = asOf.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);
        return status;
    }

    /// <summary>The demo's services, states rotated by town so region pages differ.</summary>
    public JsonNode Services(int town)
    {
        string[] states = ["available", "limited", "unavailable", "available"];
        var services = _file["services"]!.DeepClone().AsArray();
        for (var k = 0; k < services.Count; k++)
        {
            services[k]!["state"] = states[(town + k) % states.Length];
        }

        return new JsonObject { ["services"] = services };
    }
}
