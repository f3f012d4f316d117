using StatusHub.Core.Documents;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>Test shared incidents (API.md "Shared incidents") and their member towns.</summary>
internal static class Incidents
{
    public static readonly DateTimeOffset StartedAt = new(2023, 10, 30, 6, 0, 0, TimeSpan.FromHours(1));

    /// <summary>An open incident with two updates (newest first), in German and English.</summary>
    public static IncidentDocument Swit(params string[] towns) => new(
        "swit-2023",
        Pages.DeEn("Cyberangriff auf den IT-Dienstleister Südwestfalen-IT", "Cyberattack on the IT provider Südwestfalen-IT"),
        Pages.DeEn("Seit 30. Oktober sind die Fachverfahren von 72 Kommunen nicht erreichbar.", "Since 30 October the systems of 72 municipalities have been down."),
        towns.Length == 0 ? ["burbach", "siegen", "wilnsdorf"] : towns,
        StartedAt,
        null,
        "https://www.sit.nrw/vorfall",
        [
            new TimelineUpdate("i3", Pages.DeEn("**Kfz-Zulassung** läuft über den Nachbarkreis.", "**Vehicle registration** via the neighbouring district."), Pages.AsOf),
            new TimelineUpdate("i2", Pages.DeEn("Forensik hat begonnen.", "Forensics have started."), StartedAt.AddDays(2)),
            new TimelineUpdate("i1", Pages.DeEn("Alle Verbindungen getrennt.", "All connections cut."), StartedAt.AddHours(1)),
            new TimelineUpdate("i0", Pages.DeEn("Angriff festgestellt.", "Attack detected."), StartedAt),
        ]);

    /// <summary>A member town's document: <see cref="Pages.Minimal"/> with its own slug, name and level.</summary>
    public static TownDocument Town(string slug, string name, TownLevel level, DateTimeOffset? asOf = null) => Pages.Minimal() with
    {
        Town = new TownReference(slug, name, "nw-arnsberg", null, null, "de"),
        Level = level,
        AsOf = asOf ?? Pages.AsOf,
    };

    public static IReadOnlyList<TownDocument> Members() =>
    [
        Town("siegen", "Siegen", TownLevel.Emergency),
        Town("burbach", "Burbach", TownLevel.Offline),
        Town("wilnsdorf", "Wilnsdorf", TownLevel.Emergency, Pages.AsOf.AddHours(-3)),
    ];

    /// <summary>Many member towns, e.g. 700 for the page budget, with levels spread over all four.</summary>
    public static IReadOnlyList<TownDocument> Many(int count) =>
        Enumerable.Range(1, count)
            .Select(i => Town($"gemeinde-{i:000}", $"Gemeinde {NameOf(i)}", (TownLevel)(i % 4), Pages.AsOf.AddMinutes(-7 * i)))
            .ToList();

    private static string NameOf(int i) =>
        string.Concat(new[] { "Ober", "Nieder", "Unter", "Groß", "Klein", "Alt", "Neu" }[i % 7], new[] { "holz", "bach", "feld", "berg", "hausen", "dorf", "heim", "stein", "au", "tal", "wald" }[i % 11], i > 77 ? $"-{i / 77}" : "");
}
