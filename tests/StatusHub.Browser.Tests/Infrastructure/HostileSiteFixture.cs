using System.Collections.Concurrent;
using System.Net;
using Microsoft.Playwright;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Browser.Tests.Infrastructure;

/// <summary>
/// A site with two towns whose every text field is hostile (<see cref="HostileText"/>), published through the API
/// with the admin key: <see cref="Town"/> in emergency with custom services, Q&amp;A and updates, and
/// <see cref="Helper"/>, which offers it vehicle registration with a hostile note (so the offer, the provider's name
/// and the note show on the town's page). Two pages watch for dialogs: one as citizens get it, one with CSP bypassed.
/// </summary>
public sealed class HostileSiteFixture : BrowserFixture
{
    public const string Town = "hostile-town";
    public const string Helper = "hostile-helper";
    public const string Region = "hostile-region";

    /// <summary>A URL the API accepts (absolute https) that still carries markup and script in its path and query.</summary>
    public const string HostileUrl = "https://example.org/\"><script>alert(1)</script>?q='onmouseover=alert(1)//&x=javascript:alert(1)#</a><svg/onload=alert(1)>";

    public static readonly string TownName = HostileText.Fit(Limits.MaxTownName);
    public static readonly string HelperName = HostileText.Fit(Limits.MaxTownName, start: 1);

    public static readonly string[] TownPages = [$"/{Town}/", $"/{Town}/en/", $"/{Helper}/", $"/{Helper}/en/"];

    public static readonly string[] Pages = [.. TownPages, $"/regions/{Region}/", "/"];

    private static readonly string HeadlineDe = HostileText.Fit(Limits.MaxHeadline);
    private static readonly string HeadlineEn = "EN " + HostileText.Fit(Limits.MaxHeadline - 3, start: 2);
    private static readonly string HelperHeadlineDe = HostileText.Fit(Limits.MaxHeadline, start: 7);
    private static readonly string HelperHeadlineEn = "EN " + HostileText.Fit(Limits.MaxHeadline - 3, start: 9);
    private static readonly string SummaryDe = HostileText.All;
    private static readonly string SummaryEn = "EN " + HostileText.All;
    private static readonly string AidNoteDe = HostileText.Fit(Limits.MaxNote, start: 4);
    private static readonly string AidNoteEn = "EN " + HostileText.Fit(Limits.MaxNote - 3, start: 6);

    private static readonly (string Id, string NameDe, string NameEn)[] CustomServices =
    [
        .. Enumerable.Range(0, 4).Select(i => ($"hostile-service-{i}", HostileText.Fit(Limits.MaxServiceName, start: i * 5), "EN " + HostileText.Fit(Limits.MaxServiceName - 3, start: i * 5 + 1))),
    ];

    private static readonly (string Id, string State, string NoteDe, string NoteEn)[] CatalogueServices =
    [
        ("phone", "available", HostileText.All, "EN " + HostileText.All),
        ("email", "unavailable", HostileText.Fit(Limits.MaxNote, start: 3), "EN " + HostileText.Fit(Limits.MaxNote - 3, start: 8)),
        ("vehicle-registration", "unavailable", HostileText.Fit(Limits.MaxNote, start: 12), "EN " + HostileText.Fit(Limits.MaxNote - 3, start: 13)),
    ];

    /// <summary>Questions: each corpus string alone, then as many as fit in one question.</summary>
    private static readonly (string De, string En)[] Questions =
    [
        .. HostileText.Corpus.Select(text => (text, "EN " + text)),
        (HostileText.Fit(Limits.MaxQuestion), "EN " + HostileText.Fit(Limits.MaxQuestion - 3, start: 10)),
    ];

    /// <summary>What each page must show as text, exactly as it was sent (after the API's trimming and NFC).</summary>
    public Dictionary<string, string[]> ExpectedText { get; } = new()
    {
        [$"/{Town}/"] = Stored([TownName, HeadlineDe, SummaryDe, AidNoteDe, HelperName,
            .. CatalogueServices.Select(s => s.NoteDe), .. CustomServices.Select(s => s.NameDe), .. Questions.Select(q => q.De)]),
        [$"/{Town}/en/"] = Stored([TownName, HeadlineEn, SummaryEn, AidNoteEn, HelperName,
            .. CatalogueServices.Select(s => s.NoteEn), .. CustomServices.Select(s => s.NameEn), .. Questions.Select(q => q.En)]),
        [$"/{Helper}/"] = Stored([HelperName, HelperHeadlineDe]),
        [$"/{Helper}/en/"] = Stored([HelperName, HelperHeadlineEn]),
        [$"/regions/{Region}/"] = Stored([TownName, HelperName, HeadlineDe, HelperHeadlineDe]),
        ["/"] = Stored([TownName, HelperName]),
    };

    /// <summary>The h1 of each town page.</summary>
    public Dictionary<string, string> ExpectedHeadline { get; } = new()
    {
        [$"/{Town}/"] = HostileText.Stored(HeadlineDe),
        [$"/{Town}/en/"] = HostileText.Stored(HeadlineEn),
        [$"/{Helper}/"] = HostileText.Stored(HelperHeadlineDe),
        [$"/{Helper}/en/"] = HostileText.Stored(HelperHeadlineEn),
    };

    /// <summary>Every dialog (alert, confirm, prompt, beforeunload) any page opened, as "type: message".</summary>
    public ConcurrentQueue<string> Dialogs { get; } = new();

    /// <summary>A page with the Content-Security-Policy bypassed: only escaping stands between the text and the browser.</summary>
    public IPage PageWithoutCsp { get; private set; } = null!;

    public static object TownProfile(string website) => new
    {
        name = TownName,
        region = Region,
        ags = "08416025",
        defaultLanguage = "de",
        website,
        phone = "+49 7000 1234-0",
        neighbours = new[] { Helper },
        location = new { lat = 48.406, lon = 9.057 },
        @internal = new { contact = HostileText.Fit(Limits.MaxInternalContact), phone = "+49 30 1234", notes = HostileText.All },
    };

    public static object TownStatus(string moreInfoUrl) => new
    {
        level = "emergency",
        headline = new { de = HeadlineDe, en = HeadlineEn },
        summary = new { de = SummaryDe, en = SummaryEn },
        asOf = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
        moreInfoUrl,
    };

    protected override async Task PrepareSiteAsync()
    {
        var admin = Site.Client(StatusHubApp.AdminKey);
        await admin.Put($"/api/v1/towns/{Town}", TownProfile(HostileUrl)).Ok(HttpStatusCode.Created);
        await admin.Put($"/api/v1/towns/{Helper}", new
        {
            name = HelperName,
            region = Region,
            defaultLanguage = "de",
            website = HostileUrl,
            phone = "+49 7000 9999-0",
            neighbours = new[] { Town },
            location = new { lat = 48.45, lon = 9.06 },
        }).Ok(HttpStatusCode.Created);

        await admin.Put($"/api/v1/towns/{Town}/status", TownStatus(HostileUrl)).Ok();
        await admin.Put($"/api/v1/towns/{Helper}/status", new
        {
            level = "disrupted",
            headline = new { de = HelperHeadlineDe, en = HelperHeadlineEn },
            summary = new { de = SummaryDe, en = SummaryEn },
            moreInfoUrl = HostileUrl,
        }).Ok();

        await admin.Put($"/api/v1/towns/{Town}/services", new
        {
            services = CatalogueServices.Select(s => (object)new { id = s.Id, state = s.State, note = new { de = s.NoteDe, en = s.NoteEn } })
                .Concat(CustomServices.Select(s => new { id = s.Id, state = "limited", name = new { de = s.NameDe, en = s.NameEn }, note = new { de = HostileText.All, en = "EN " + HostileText.All } }))
                .ToArray(),
        }).Ok();
        await admin.Put($"/api/v1/towns/{Helper}/services", new
        {
            services = new object[]
            {
                new { id = "vehicle-registration", state = "available", note = new { de = HostileText.Fit(Limits.MaxNote, start: 15) } },
                new { id = "hostile-service-0", state = "unavailable", name = new { de = CustomServices[0].NameDe, en = CustomServices[0].NameEn } },
            },
        }).Ok();

        await admin.Put($"/api/v1/towns/{Town}/qa", new
        {
            items = Questions.Select((q, i) => new
            {
                id = $"q-{i}",
                question = new { de = q.De, en = q.En },
                answer = new
                {
                    de = HostileText.Corpus[i % HostileText.Corpus.Length] + "\n\n" + HostileText.Markdown[i % HostileText.Markdown.Length],
                    en = "EN " + HostileText.Markdown[(i + 1) % HostileText.Markdown.Length] + "\n\n" + HostileText.All,
                },
            }).Append(new
            {
                id = "all-markdown",
                question = new { de = "Markdown?", en = "Markdown?" },
                answer = new { de = string.Join("\n\n", HostileText.Markdown), en = string.Join("\n\n", HostileText.Markdown) },
            }).ToArray(),
        }).Ok();

        var at = DateTimeOffset.UtcNow.AddDays(-2);
        foreach (var (text, i) in HostileText.Markdown.Append(HostileText.All).Select((text, i) => (text, i)))
        {
            await admin.Post($"/api/v1/towns/{Town}/updates", new
            {
                text = new { de = text, en = "EN " + text },
                at = at.AddMinutes(i).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            }).Ok(HttpStatusCode.Created);
        }

        await admin.Put($"/api/v1/towns/{Helper}/aid/hostile-offer", new
        {
            service = "vehicle-registration",
            forTowns = new[] { Town },
            note = new { de = AidNoteDe, en = AidNoteEn },
        }).Ok();
        await admin.PutAsync($"/api/v1/towns/{Town}/accepted-aid/{Helper}/hostile-offer", null).Ok();

        await Site.RenderAsync();

        // The offer must match, or the aid section (provider name and note) would not be on the town's page at all.
        var document = await admin.GetAsync($"/api/v1/towns/{Town}").Ok();
        Assert.Contains(document["aid"]!.AsArray(), a => a!["provider"]!["slug"]!.GetValue<string>() == Helper);
    }

    protected override async Task BrowserReadyAsync()
    {
        PageWithoutCsp = await NewPageAsync(new() { BypassCSP = true });
        foreach (var page in new[] { Page, PageWithoutCsp })
        {
            page.Dialog += (_, dialog) =>
            {
                Dialogs.Enqueue($"{dialog.Type}: {dialog.Message}");
                _ = dialog.DismissAsync();
            };
        }
    }

    private static string[] Stored(IEnumerable<string> texts) => [.. texts.Select(HostileText.Stored)];
}
