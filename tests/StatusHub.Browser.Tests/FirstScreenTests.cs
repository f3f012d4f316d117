using System.Buffers.Binary;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Browser.Tests.Infrastructure;

namespace StatusHub.Browser.Tests;

/// <summary>
/// Issue 19 "What a citizen sees first": on the first screen of a small phone, before any scrolling, a citizen reads
/// the level, the headline, the Stand, whether and where to call (the state with the number) and whether e-mail works,
/// whatever the town writes around it: a two-sentence summary as on the real Potsdam page, or a summary, notes and a
/// headline much longer than that, and the "older than 3 days" warning.
/// </summary>
public sealed class FirstScreenTests(FirstScreenFixture site) : IClassFixture<FirstScreenFixture>
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>What must be on the first screen, by selector and what it is.</summary>
    private static readonly (string Selector, string What)[] FirstScreen =
    [
        ("#situation .level .badge", "the level"),
        ("#situation h1", "the headline"),
        ("#situation .asof", "the Stand"),
        ("#glance-phone .gs", "the phone's state"),
        ("#glance-phone .tel", "the phone number"),
        ("#glance-email .gs", "the e-mail's state"),
    ];

    public static TheoryData<string, int, int> PagesOnSmallPhones()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var path in FirstScreenFixture.Pages)
        {
            data.Add(path, 360, 640);
            data.Add(path, 320, 568);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PagesOnSmallPhones))]
    public async Task Level_headline_stand_phone_and_email_are_on_the_first_screen(string path, int width, int height)
    {
        var page = await site.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        await page.EmulateMediaAsync(new() { Media = Media.Screen, ColorScheme = ColorScheme.Light });
        await site.OpenAsync(path, page);

        // The page is what the test means: stale, with its summary after the channels.
        Assert.True(await page.Locator("#stale").IsVisibleAsync(), $"{path}: the stale warning is missing");
        Assert.Equal(0, await page.EvaluateAsync<int>("window.scrollY"));

        foreach (var (selector, what) in FirstScreen)
        {
            var element = page.Locator(selector);
            Assert.True(await element.CountAsync() == 1, $"{path}: {what} ({selector}) is not on the page exactly once");
            var box = await element.BoundingBoxAsync();
            Assert.True(box is not null, $"{path}: {what} ({selector}) is not rendered");
            Assert.True(
                box.Y >= 0 && box.X >= 0 && box.Y + box.Height <= height && box.X + box.Width <= width,
                $"{path} at {width}×{height}: {what} ({selector}) lies at x={box.X:0} y={box.Y:0} w={box.Width:0} h={box.Height:0}, outside the first screen");
        }

        Assert.Equal(FirstScreenFixture.PhoneHref, await page.Locator("#glance-phone .tel").GetAttributeAsync("href"));
    }

    [Theory]
    [MemberData(nameof(PagesOnSmallPhones))]
    public async Task Page_with_the_glance_has_no_WCAG_2_1_AA_violations_on_a_small_phone(string path, int width, int height)
    {
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var page = await site.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
            await page.EmulateMediaAsync(new() { Media = Media.Screen, ColorScheme = scheme });
            await site.OpenAsync(path, page);

            var result = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
                ResultTypes = [ResultType.Violations],
            });

            Assert.True(result.Violations.Length == 0, $"{path} ({scheme}, {width}×{height}): "
                + string.Join("; ", result.Violations.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
        }
    }

    /// <summary>The README's picture of the first screen (issue 19 item 6), rewritten by every run.</summary>
    [Fact]
    public async Task Screenshot_of_the_first_screen_for_the_readme()
    {
        var page = await site.NewPageAsync(new() { ViewportSize = new() { Width = 360, Height = 640 } });
        await page.EmulateMediaAsync(new() { Media = Media.Screen, ColorScheme = ColorScheme.Light });
        await site.OpenAsync(FirstScreenFixture.Pages[0], page);

        Directory.CreateDirectory(ScreenshotTests.Folder);
        var target = Path.Combine(ScreenshotTests.Folder, "first-screen-360x640.png");
        var png = await page.ScreenshotAsync(new() { Path = target, Type = ScreenshotType.Png, Animations = ScreenshotAnimations.Disabled });

        Assert.Equal(png, await File.ReadAllBytesAsync(target));
        Assert.Equal(360, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(640, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }
}

/// <summary>
/// Two towns published through the API, both last updated five days ago (so the stale warning shows): a Potsdam-like
/// town (disrupted, the two sentences of the real page as summary, phone available with "115 und (0331) 2890",
/// e-mail unavailable) and a town that writes as much as the API allows where it matters: the longest summary and
/// notes, a long name and a headline of 120 characters.
/// </summary>
public sealed class FirstScreenFixture : BrowserFixture
{
    public const string Region = "bb-first-screen";
    public const string Phone = "(0331) 289-0";
    public const string PhoneHref = "tel:03312890";

    public static readonly string[] Pages = ["/potsdam-like/", "/potsdam-like/en/", "/long-text/", "/long-text/en/"];

    private const string SummaryDe =
        "Aufgrund eines IT-Sicherheitsvorfalls sind die Bürgerdienstleistungen der Landeshauptstadt derzeit nur eingeschränkt verfügbar, "
        + "auch die E-Mail-Kommunikation mit der Verwaltung ist aktuell nicht möglich. Bitte informieren Sie sich vor dem Besuch im Rathaus, "
        + "welche Leistungen derzeit angeboten werden können.";

    private const string SummaryEn =
        "Because of an IT security incident the city's services for citizens are only partly available, and e-mail to the administration "
        + "is not possible at the moment. Please check which services are offered before you visit the town hall.";

    protected override async Task PrepareSiteAsync()
    {
        var admin = Site.Client(StatusHubApp.AdminKey);
        var asOf = DateTimeOffset.UtcNow.AddDays(-5);

        await admin.Put("/api/v1/towns/potsdam-like", new { name = "Landeshauptstadt Potsdam (Test)", region = Region, phone = Phone }).Ok(System.Net.HttpStatusCode.Created);
        await admin.Put("/api/v1/towns/potsdam-like/status", new
        {
            level = "disrupted",
            headline = new { de = "Online-Dienste der Verwaltung bleiben offline", en = "The administration's online services stay offline" },
            summary = new { de = SummaryDe, en = SummaryEn },
            asOf,
        }).Ok();
        await admin.Put("/api/v1/towns/potsdam-like/services", new
        {
            services = new object[]
            {
                new { id = "phone", state = "available", note = new { de = "115 und (0331) 2890", en = "115 and (0331) 2890" } },
                new { id = "email", state = "unavailable", note = new { de = "Keine externen E-Mails.", en = "No external e-mail." } },
                new { id = "citizens-office", state = "limited", note = new { de = "Vor dem Besuch informieren.", en = "Check before you visit." } },
                new { id = "online-services", state = "unavailable" },
                new { id = "id-documents", state = "limited" },
            },
        }).Ok();

        var longNote = Words(Limits.MaxNote);
        await admin.Put("/api/v1/towns/long-text", new { name = "Große Kreisstadt Musterhausen an der Oberen Havel", region = Region, phone = Phone }).Ok(System.Net.HttpStatusCode.Created);
        await admin.Put("/api/v1/towns/long-text/status", new
        {
            level = "emergency",
            headline = new { de = Words(120), en = Words(120) },
            summary = new { de = Words(Limits.MaxSummary), en = Words(Limits.MaxSummary) },
            asOf,
        }).Ok();
        await admin.Put("/api/v1/towns/long-text/services", new
        {
            services = new object[]
            {
                new { id = "phone", state = "limited", note = new { de = longNote, en = longNote } },
                new { id = "email", state = "unavailable", note = new { de = longNote, en = longNote } },
                new { id = "citizens-office", state = "unavailable", note = new { de = longNote, en = longNote } },
                new { id = "online-services", state = "unavailable", note = new { de = longNote, en = longNote } },
            },
        }).Ok();

        await Site.RenderAsync();
    }

    /// <summary>German-looking words (long compounds included) up to <paramref name="length"/> characters.</summary>
    private static string Words(int length)
    {
        string[] words = ["Verwaltungsdienstleistungen", "sind", "derzeit", "nur", "eingeschränkt", "erreichbar,", "Bürgerbüro", "Terminvereinbarung", "bitte", "telefonisch."];
        var text = new System.Text.StringBuilder();
        for (var i = 0; text.Length + words[i % words.Length].Length + 1 <= length; i++)
        {
            text.Append(text.Length == 0 ? "" : " ").Append(words[i % words.Length]);
        }

        return text.ToString();
    }
}
