using System.Net;

namespace StatusHub.Api.Tests.Infrastructure;

/// <summary>Creates towns and keys through the API, each test with its own fresh town.</summary>
public static class Towns
{
    public static string NewSlug(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}"[..24];

    /// <summary>A town profile; each town gets its own region unless one is given, so renders stay small.</summary>
    public static object Profile(string name = "Teststadt", string? region = null, string[]? neighbours = null) => new
    {
        name,
        region = region ?? NewSlug("region"),
        ags = "08416025",
        defaultLanguage = "de",
        website = "https://www.example.org",
        phone = "+49 7473 370-0",
        neighbours = neighbours ?? ["nachbarort"],
        location = new { lat = 48.406, lon = 9.057 },
        @internal = new { contact = "IT-Leitung GEHEIM", phone = "+49 30 1234", notes = "interne Notiz GEHEIM" },
    };

    /// <summary>Creates a town as admin and returns its slug and a town key for it.</summary>
    public static async Task<(string Slug, string Key)> CreateWithKey(StatusHubApp app, string? slug = null, object? profile = null)
    {
        slug ??= NewSlug();
        var admin = app.Client(StatusHubApp.AdminKey);
        await admin.Put($"/api/v1/towns/{slug}", profile ?? Profile()).Ok(HttpStatusCode.Created);
        var key = await admin.Post("/api/v1/keys", new { scope = "town", town = slug, label = "test" }).Ok(HttpStatusCode.Created);
        return (slug, key["key"]!.GetValue<string>());
    }

    public static object Status(string level = "emergency", string headline = "Cyberangriff: Notbetrieb") => new
    {
        level,
        headline = new { de = headline, en = "Cyberattack" },
        summary = new { de = "Seit 17. November …" },
        asOf = "2023-11-20T08:00:00+01:00",
        moreInfoUrl = "https://www.example.org/cyberangriff",
    };
}
