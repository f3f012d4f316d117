using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Browser.Tests.Infrastructure;

namespace StatusHub.Browser.Tests;

/// <summary>A server with no data yet: each console test creates its own town through the API.</summary>
public sealed class ConsoleSiteFixture : BrowserFixture
{
    protected override Task PrepareSiteAsync() => Task.CompletedTask;

    /// <summary>A published town (emergency, two services, two questions, one update) and a town key for it.</summary>
    public async Task<(string Slug, string Key)> CreateTownAsync(string? slug = null, string? region = null)
    {
        slug ??= Towns.NewSlug("konsole");
        var admin = Site.Client(StatusHubApp.AdminKey);
        await admin.Put($"/api/v1/towns/{slug}", new { name = "Konsolstadt", region = region ?? Towns.NewSlug("region"), defaultLanguage = "de" }).Ok(HttpStatusCode.Created);
        var key = (await admin.Post("/api/v1/keys", new { scope = "town", town = slug, label = "console test" }).Ok(HttpStatusCode.Created))["key"]!.GetValue<string>();
        var town = Site.Client(key);
        await town.Put($"/api/v1/towns/{slug}/status", new
        {
            level = "emergency",
            headline = new { de = "Cyberangriff: Notbetrieb", en = "Cyberattack: emergency operation" },
            summary = new { de = "Die Verwaltung arbeitet im Notbetrieb." },
        }).Ok();
        await town.Put($"/api/v1/towns/{slug}/services", new
        {
            services = new object[]
            {
                new { id = "email", state = "unavailable", note = new { de = "Keine E-Mails." } },
                new { id = "phone", state = "available" },
            },
        }).Ok();
        await town.Put($"/api/v1/towns/{slug}/qa", new
        {
            items = new[]
            {
                new { id = "erste", question = new { de = "Erste Frage?" }, answer = new { de = "Erste Antwort." } },
                new { id = "zweite", question = new { de = "Zweite Frage?" }, answer = new { de = "Zweite Antwort." } },
            },
        }).Ok();
        await town.Post($"/api/v1/towns/{slug}/updates", new { text = new { de = "Telefon geht wieder." } }).Ok(HttpStatusCode.Created);
        return (slug, key);
    }
}

/// <summary>
/// Issue 9: the publisher console at /publish/ on a 320 px phone: a town's status changed end to end (console → API →
/// render → citizen page), the 412 reload path, server-side validation errors next to their fields, axe-core clean,
/// no horizontal scroll, no request to another host, and the key never in a URL or localStorage.
/// </summary>
public sealed class ConsoleTests(ConsoleSiteFixture site) : IClassFixture<ConsoleSiteFixture>
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private sealed record ConsoleSession(IPage Page, List<string> Requests);

    private async Task<ConsoleSession> OpenAsync(ColorScheme scheme = ColorScheme.Light)
    {
        var page = await site.NewPageAsync(new() { ViewportSize = new() { Width = 320, Height = 640 }, IsMobile = true, HasTouch = true, ColorScheme = scheme });
        var requests = new List<string>();
        page.Request += (_, request) =>
        {
            lock (requests)
            {
                requests.Add(request.Url);
            }
        };
        await site.OpenAsync("/publish/", page);
        await page.Locator("#login").WaitForAsync();
        return new ConsoleSession(page, requests);
    }

    private static async Task LoadAsync(IPage page, string slug, string key)
    {
        await page.FillAsync("#town", slug);
        await page.FillAsync("#key", key);
        await page.ClickAsync("#load");
        await page.Locator("#workspace").WaitForAsync();
        await Expect(page, "#status", "geladen");
    }

    /// <summary>Waits until the element's text contains <paramref name="text"/> (generous timeout, no timing assertion).</summary>
    private static async Task Expect(IPage page, string selector, string text)
    {
        try
        {
            await page.WaitForFunctionAsync(
                "([s, t]) => { const e = document.querySelector(s); return !!e && e.offsetParent !== null && e.textContent.includes(t); }",
                new object[] { selector, text }, new() { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            var actual = await page.EvaluateAsync<string?>("s => document.querySelector(s)?.textContent", selector);
            var alert = await page.EvaluateAsync<string?>("() => document.querySelector('#alert-text')?.textContent");
            Assert.Fail($"{selector} never contained '{text}'; it reads '{actual}' (alert: '{alert}').");
        }
    }

    private async Task<JsonNode> DocumentAsync(string slug) => await site.Site.Client().GetAsync($"/api/v1/towns/{slug}").Ok();

    private static async Task AssertNoHorizontalScrollAsync(IPage page, string state)
    {
        var innerWidth = await page.EvaluateAsync<int>("window.innerWidth");
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.Equal(320, innerWidth);
        Assert.True(scrollWidth <= innerWidth, $"The console ({state}) scrolls horizontally at 320 px: scrollWidth {scrollWidth}.");
    }

    private static async Task AssertAccessibleAsync(IPage page, string state)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
            ResultTypes = [ResultType.Violations],
        });
        var text = new StringBuilder($"axe-core found {result.Violations.Length} violation(s) on the console ({state}):");
        foreach (var violation in result.Violations)
        {
            text.AppendLine().Append($"- {violation.Id}: {violation.Help}: ")
                .Append(string.Join(" | ", violation.Nodes.Take(5).Select(n => n.Target + " " + n.Html)));
        }

        Assert.True(result.Violations.Length == 0, text.ToString());
    }

    private async Task AssertKeyStaysInSessionAsync(ConsoleSession console, string key)
    {
        var page = console.Page;
        Assert.DoesNotContain(key, page.Url);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
        Assert.Equal(key, await page.EvaluateAsync<string?>("() => sessionStorage.getItem('statushub.console.key')"));
        string[] recorded;
        lock (console.Requests)
        {
            recorded = [.. console.Requests];
        }

        Assert.NotEmpty(recorded);
        Assert.All(recorded, url =>
        {
            Assert.DoesNotContain(key, url);
            Assert.True(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == "data" || uri.Authority == site.Site.Host),
                $"The console requested {url}, not on the server {site.Site.Origin}.");
        });
    }

    [Fact]
    public async Task Empty_console_is_accessible_in_light_and_dark_and_fits_320_px()
    {
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var console = await OpenAsync(scheme);
            Assert.False(await console.Page.IsVisibleAsync("#noscript"));
            Assert.Equal("off", await console.Page.GetAttributeAsync("#key", "autocomplete"));
            Assert.Equal("password", await console.Page.GetAttributeAsync("#key", "type"));
            await AssertNoHorizontalScrollAsync(console.Page, $"empty, {scheme}");
            await AssertAccessibleAsync(console.Page, $"empty, {scheme}");
        }
    }

    [Fact]
    public async Task A_town_changes_its_status_end_to_end_from_a_320_px_phone()
    {
        // A fixed slug (only this test uses it) keeps the screenshot the same from run to run.
        var (slug, key) = await CreateTownAsync("konsolstadt");
        var console = await OpenAsync();
        var page = console.Page;
        await LoadAsync(page, slug, key);
        Assert.Equal("Cyberangriff: Notbetrieb", await page.InputValueAsync("#headline-de"));
        Assert.True(await page.IsCheckedAsync("input[name=level][value=emergency]"));
        await AssertNoHorizontalScrollAsync(page, "loaded");
        await AssertAccessibleAsync(page, "loaded");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DemoPages.RepositoryRootFolder, "docs", "screenshots", "console-320.png"), FullPage = false });

        await page.CheckAsync("input[name=level][value=disrupted]");
        await page.FillAsync("#headline-de", "Eingeschränkt: Bürgerbüro wieder offen");
        await page.FillAsync("#headline-en", "Limited: citizens' office open again");
        await page.SelectOptionAsync("li[data-service=email] select", "available");
        await page.ClickAsync("#qa-1-up");
        Assert.Equal("Zweite Frage?", await page.InputValueAsync("#qa-0-q-de"));
        await Expect(page, "#preview", "Eingeschränkt: Bürgerbüro wieder offen");
        await page.ClickAsync("#publish");
        await Expect(page, "#status", "Veröffentlicht");

        await page.FillAsync("#update-de", "Meldung aus der Konsole: Bürgerbüro ab 8 Uhr offen.");
        await page.ClickAsync("#update-publish");
        await Expect(page, "#status", "Meldung veröffentlicht");
        await Expect(page, "#updates", "Meldung aus der Konsole");

        var document = await DocumentAsync(slug);
        Assert.Equal("disrupted", document["level"]!.GetValue<string>());
        Assert.Equal("Eingeschränkt: Bürgerbüro wieder offen", document["headline"]!["de"]!.GetValue<string>());
        Assert.Equal("available", document["services"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == "email")!["state"]!.GetValue<string>());
        Assert.Equal(["zweite", "erste"], document["qa"]!.AsArray().Select(q => q!["id"]!.GetValue<string>()));
        Assert.Equal(2, document["updates"]!.AsArray().Count);
        await AssertKeyStaysInSessionAsync(console, key);

        await site.Site.RenderAsync();
        var citizen = await site.NewPageAsync(new() { ViewportSize = new() { Width = 320, Height = 640 } });
        await site.OpenAsync($"/{slug}/", citizen);
        var text = await citizen.InnerTextAsync("main");
        Assert.Contains("Eingeschränkt: Bürgerbüro wieder offen", text);
        Assert.Contains("Meldung aus der Konsole", text);
        Assert.True(text.IndexOf("Zweite Frage?", StringComparison.Ordinal) < text.IndexOf("Erste Frage?", StringComparison.Ordinal),
            "The Q&A order on the citizen page is not the one published from the console.");
        await site.OpenAsync($"/{slug}/en/", citizen);
        Assert.Contains("Limited: citizens' office open again", await citizen.InnerTextAsync("main"));
    }

    [Fact]
    public async Task A_change_made_elsewhere_after_loading_gives_the_reload_message_and_publishing_after_a_reload_works()
    {
        var (slug, key) = await CreateTownAsync();
        var console = await OpenAsync();
        var page = console.Page;
        await LoadAsync(page, slug, key);

        await site.Site.Client(key).Put($"/api/v1/towns/{slug}/status", new { level = "offline", headline = new { de = "Von anderswo geändert" } }).Ok();

        await page.FillAsync("#headline-de", "Aus der Konsole");
        await page.ClickAsync("#publish");
        await Expect(page, "#alert-text", "Jemand anderes hat diese Gemeinde inzwischen geändert");
        Assert.True(await page.IsVisibleAsync("#alert-reload"));
        Assert.Equal("Von anderswo geändert", (await DocumentAsync(slug))["headline"]!["de"]!.GetValue<string>());
        await AssertAccessibleAsync(page, "412 message");

        await page.ClickAsync("#alert-reload");
        await Expect(page, "#status", "Neu geladen");
        Assert.False(await page.IsVisibleAsync("#alert"));
        Assert.Equal("Von anderswo geändert", await page.InputValueAsync("#headline-de"));
        Assert.True(await page.IsCheckedAsync("input[name=level][value=offline]"));

        await page.FillAsync("#headline-de", "Aus der Konsole");
        await page.ClickAsync("#publish");
        await Expect(page, "#status", "Veröffentlicht");
        Assert.Equal("Aus der Konsole", (await DocumentAsync(slug))["headline"]!["de"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_server_side_validation_error_is_shown_next_to_its_field_and_nothing_is_stored()
    {
        var (slug, key) = await CreateTownAsync();
        var console = await OpenAsync();
        var page = console.Page;
        await LoadAsync(page, slug, key);

        // The console does not check URLs itself: the API's problem+json errors["moreInfoUrl"] comes back.
        await page.FillAsync("#more-info", "ftp://example.org/lage");
        await page.FillAsync("#headline-de", "Sollte nicht gespeichert werden");
        await page.ClickAsync("#publish");
        await page.Locator("#more-info[aria-invalid=true]").WaitForAsync(new() { Timeout = 30_000 });

        var describedBy = await page.GetAttributeAsync("#more-info", "aria-describedby");
        Assert.False(string.IsNullOrEmpty(describedBy));
        var message = page.Locator($"#{describedBy}");
        Assert.Contains("https://", await message.InnerTextAsync());
        Assert.True(await page.EvaluateAsync<bool>("id => document.getElementById('more-info').nextElementSibling.id === id", describedBy));
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.id === 'more-info'"), "The invalid field does not get the focus.");
        Assert.Equal("Cyberangriff: Notbetrieb", (await DocumentAsync(slug))["headline"]!["de"]!.GetValue<string>());
        await AssertNoHorizontalScrollAsync(page, "with errors");
        await AssertAccessibleAsync(page, "with errors");

        // Fixed, the same publish goes through and the error is gone.
        await page.FillAsync("#more-info", "https://example.org/lage");
        await page.ClickAsync("#publish");
        await Expect(page, "#status", "Veröffentlicht");
        Assert.Equal(0, await page.Locator("[aria-invalid=true]").CountAsync());
        Assert.Equal("https://example.org/lage", (await DocumentAsync(slug))["moreInfoUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_key_gets_a_plain_message_and_forget_removes_the_key_from_the_tab()
    {
        var (slug, key) = await CreateTownAsync();
        var console = await OpenAsync();
        var page = console.Page;
        await LoadAsync(page, slug, "shk_wrong-key-for-this-test");

        await page.FillAsync("#headline-de", "Mit falschem Schlüssel");
        await page.ClickAsync("#publish");
        await Expect(page, "#alert-text", "Der Schlüssel wurde nicht angenommen");
        Assert.Equal("Cyberangriff: Notbetrieb", (await DocumentAsync(slug))["headline"]!["de"]!.GetValue<string>());

        // The right key is taken without losing the edit, and the same publish then goes through.
        await page.FillAsync("#key", key);
        await page.ClickAsync("#load");
        await Expect(page, "#status", "Schlüssel übernommen");
        Assert.Equal("Mit falschem Schlüssel", await page.InputValueAsync("#headline-de"));
        await page.ClickAsync("#publish");
        await Expect(page, "#status", "Veröffentlicht");
        Assert.Equal("Mit falschem Schlüssel", (await DocumentAsync(slug))["headline"]!["de"]!.GetValue<string>());

        Assert.False(await page.IsVisibleAsync("#login"), "The key form stays open after loading.");
        await page.ClickAsync("#forget-loaded");
        await Expect(page, "#status", "Der Schlüssel wurde aus diesem Tab entfernt");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('statushub.console.key')"));
        Assert.Equal("", await page.InputValueAsync("#key"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
    }

    [Fact]
    public async Task A_key_of_another_town_and_a_storage_outage_get_plain_messages_and_the_edit_survives()
    {
        var (slug, _) = await CreateTownAsync();
        var (_, otherKey) = await CreateTownAsync();
        var ownKey = (await site.Site.Client(StatusHubApp.AdminKey).Post("/api/v1/keys", new { scope = "town", town = slug, label = "own" })
            .Ok(HttpStatusCode.Created))["key"]!.GetValue<string>();
        var console = await OpenAsync();
        var page = console.Page;
        await LoadAsync(page, slug, otherKey);

        await page.FillAsync("#headline-de", "Trotz Störung eingetragen");
        await page.ClickAsync("#publish");
        await Expect(page, "#alert-text", "Dieser Schlüssel darf die Gemeinde");
        Assert.False(await page.IsVisibleAsync("#alert-reload"));

        await page.ClickAsync("#switch");
        await page.FillAsync("#key", ownKey);
        await page.ClickAsync("#load");
        await Expect(page, "#status", "geladen");
        await page.FillAsync("#headline-de", "Trotz Störung eingetragen");

        // A real outage: the API answers 503 with Retry-After, the console says when to retry and keeps the edit.
        await site.Site.Azurite.StopAsync();
        try
        {
            await page.ClickAsync("#publish");
            await Expect(page, "#alert-text", "Der Speicher ist gerade nicht erreichbar");
            Assert.Matches(@"in \d+ Sekunden", await page.InnerTextAsync("#alert-text"));
            Assert.Equal("Trotz Störung eingetragen", await page.InputValueAsync("#headline-de"));
        }
        finally
        {
            await site.Site.Azurite.StartAsync();
        }

        // Once storage is back (the circuit breaker may hold for a while), the same publish goes through.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            using var health = await site.Site.Client().GetAsync("/api/v1/health");
            if (health.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
                break;
            }

            await Task.Delay(500);
        }

        await page.ClickAsync("#publish");
        await Expect(page, "#status", "Veröffentlicht");
        Assert.Equal("Trotz Störung eingetragen", (await DocumentAsync(slug))["headline"]!["de"]!.GetValue<string>());
    }

    [Fact]
    public async Task Timeline_updates_are_deleted_and_aid_offers_saved_and_deleted_with_errors_next_to_their_fields()
    {
        var (slug, key) = await CreateTownAsync();
        var console = await OpenAsync();
        var page = console.Page;
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await LoadAsync(page, slug, key);

        await page.ClickAsync("#updates li button");
        await Expect(page, "#status", "Meldung gelöscht");
        Assert.Empty((await DocumentAsync(slug))["updates"]!.AsArray());

        await page.FillAsync("#aid-id", "kfz-hilfe");
        await page.SelectOptionAsync("#aid-service", "vehicle-registration");
        await page.FillAsync("#aid-for", "gibt-es-nicht");
        await page.FillAsync("#aid-note-de", "Kfz-Zulassung im Bürgerbüro, Termin nötig.");
        await page.ClickAsync("#aid-save");
        await page.Locator("#aid-for[aria-invalid=true]").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("gibt-es-nicht", await page.InnerTextAsync("#" + await page.GetAttributeAsync("#aid-for", "aria-describedby")));
        await AssertAccessibleAsync(page, "aid error");

        await page.FillAsync("#aid-for", "");
        await page.FillAsync("#aid-until", "2099-12-31");
        await page.ClickAsync("#aid-save");
        await Expect(page, "#status", "Hilfsangebot „kfz-hilfe“ gespeichert");

        await page.ClickAsync("#aid-delete");
        await Expect(page, "#status", "Hilfsangebot „kfz-hilfe“ gelöscht");

        // Deleting it again proves the first delete removed a stored offer: now there is none.
        await page.ClickAsync("#aid-delete");
        await Expect(page, "#alert-text", "Nicht gefunden");
        await AssertKeyStaysInSessionAsync(console, key);
    }

    [Fact]
    public async Task A_town_accepts_and_declines_a_neighbours_offer_with_one_tap_and_the_provider_sees_its_offers()
    {
        var region = Towns.NewSlug("region");
        var (receiver, receiverKey) = await site.CreateTownAsync(region: region);
        var (provider, providerKey) = await site.CreateTownAsync(region: region);
        await site.Site.Client(providerKey).Put($"/api/v1/towns/{provider}/aid/kfz", new
        {
            service = "vehicle-registration",
            forTowns = new[] { receiver },
            note = new { de = "Kfz-Zulassung im Bürgerbüro des Nachbarn, Termin nötig." },
        }).Ok();
        async Task<bool> Accepted() =>
            (await site.Site.Client(receiverKey).GetAsync($"/api/v1/towns/{receiver}/aid").Ok())["received"]!.AsArray()
                .Single(o => o!["provider"]!.GetValue<string>() == provider)!["accepted"]!.GetValue<bool>();

        var console = await OpenAsync();
        var page = console.Page;
        await LoadAsync(page, receiver, receiverKey);
        await Expect(page, "#aid-received", "Kfz-Zulassung im Bürgerbüro des Nachbarn");
        await Expect(page, "#aid-received", "Nicht angenommen");
        Assert.False(await Accepted());
        await AssertAccessibleAsync(page, "aid offered to the town");
        await AssertNoHorizontalScrollAsync(page, "aid offered to the town");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Annehmen – {provider}", Exact = false }).ClickAsync();
        await Expect(page, "#status", $"Angebot von „{provider}“ angenommen");
        await Expect(page, "#aid-received", "Angenommen: erscheint auf Ihrer Bürgerseite");
        Assert.True(await Accepted());

        await page.GetByRole(AriaRole.Button, new() { Name = $"Ablehnen – {provider}", Exact = false }).ClickAsync();
        await Expect(page, "#status", $"Angebot von „{provider}“ abgelehnt");
        Assert.False(await Accepted());

        // The provider lists its offer and edits it from the list.
        await page.ClickAsync("#forget-loaded");
        await LoadAsync(page, provider, providerKey);
        await Expect(page, "#aid-offered", "kfz");
        await Expect(page, "#aid-offered", $"für {receiver}");
        Assert.DoesNotContain("Kfz-Zulassung im Bürgerbüro", await page.InnerTextAsync("#aid-received"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Bearbeiten – Angebot kfz" }).ClickAsync();
        Assert.Equal("kfz", await page.InputValueAsync("#aid-id"));
        Assert.Equal(receiver, await page.InputValueAsync("#aid-for"));
        Assert.Equal("vehicle-registration", await page.InputValueAsync("#aid-service"));
        await AssertKeyStaysInSessionAsync(console, providerKey);
    }

    /// <summary>Issue 20 item 4: a further language added, typed in its own direction, previewed, published, then removed from every text.</summary>
    [Fact]
    public async Task A_language_is_added_typed_in_its_direction_previewed_published_and_removed()
    {
        var (slug, key) = await CreateTownAsync();
        var console = await OpenAsync();
        var page = console.Page;
        await LoadAsync(page, slug, key);

        await page.FillAsync("#lang-add", "ar");
        await page.ClickAsync("#lang-add-button");
        Assert.Equal(("ar", "rtl"), (await page.GetAttributeAsync("#headline-ar", "lang"), await page.GetAttributeAsync("#headline-ar", "dir")));
        Assert.Equal("rtl", await page.EvaluateAsync<string>("getComputedStyle(document.getElementById('summary-ar')).direction"));
        Assert.Equal("rtl", await page.GetAttributeAsync("#svc-0-note-ar", "dir"));
        await page.FillAsync("#headline-ar", "تقييد الخدمات الإلكترونية");
        await page.FillAsync("#summary-ar", "تعمل الإدارة بشكل محدود.");
        await page.FillAsync("#svc-0-note-ar", "لا يوجد بريد إلكتروني.");
        await page.FillAsync("#qa-0-q-ar", "متى يعمل البريد الإلكتروني؟");
        await page.FillAsync("#qa-0-a-ar", "لا نعرف بعد.");

        // The preview shows the Arabic page, right to left, beside the German and English ones.
        Assert.Equal("rtl", await page.GetAttributeAsync("#preview div.lang[lang=ar]", "dir"));
        await Expect(page, "#preview div.lang[lang=ar]", "تقييد الخدمات الإلكترونية");
        await Expect(page, "#preview div.lang[lang=ar] .badge", "وضع الطوارئ"); // the citizen page's level word, from the label files
        Assert.Null(await page.GetAttributeAsync("#preview div.lang[lang=ar] .badge", "lang"));
        await AssertNoHorizontalScrollAsync(page, "with Arabic");
        await AssertAccessibleAsync(page, "with Arabic");

        await page.ClickAsync("#publish");
        await Expect(page, "#status", "Veröffentlicht");
        await page.FillAsync("#update-de", "Das Telefon geht wieder."); // the default language is required in every text
        await page.FillAsync("#update-ar", "عاد الهاتف للعمل.");
        await page.ClickAsync("#update-publish");
        await Expect(page, "#status", "Meldung veröffentlicht");

        var document = await DocumentAsync(slug);
        Assert.Equal("تقييد الخدمات الإلكترونية", document["headline"]!["ar"]!.GetValue<string>());
        Assert.Equal("تعمل الإدارة بشكل محدود.", document["summary"]!["ar"]!.GetValue<string>());
        Assert.Equal("لا يوجد بريد إلكتروني.", document["services"]![0]!["note"]!["ar"]!.GetValue<string>());
        Assert.Equal("متى يعمل البريد الإلكتروني؟", document["qa"]![0]!["question"]!["ar"]!.GetValue<string>());
        Assert.Contains(document["updates"]!.AsArray(), update => update!["text"]!["ar"]?.GetValue<string>() == "عاد الهاتف للعمل.");
        Assert.Equal("Cyberangriff: Notbetrieb", document["headline"]!["de"]!.GetValue<string>());

        // Loaded again, the town's Arabic is in the editor; removed, it leaves headline, summary, notes and Q&A.
        Assert.Equal("تقييد الخدمات الإلكترونية", await page.InputValueAsync("#headline-ar"));
        await page.ClickAsync("#lang-remove-ar");
        Assert.Equal(0, await page.Locator("#headline-ar").CountAsync());
        Assert.Equal(0, await page.Locator("#preview [lang=ar]").CountAsync());
        await page.ClickAsync("#publish");
        await Expect(page, "#status", "Veröffentlicht");

        document = await DocumentAsync(slug);
        Assert.Null(document["headline"]!["ar"]);
        Assert.Null(document["summary"]!["ar"]);
        Assert.Null(document["services"]![0]!["note"]!["ar"]);
        Assert.Null(document["qa"]![0]!["question"]!["ar"]);
        Assert.Null(document["qa"]![0]!["answer"]!["ar"]);
        Assert.Equal("Cyberattack: emergency operation", document["headline"]!["en"]!.GetValue<string>());
    }

    private Task<(string Slug, string Key)> CreateTownAsync(string? slug = null) => site.CreateTownAsync(slug);
}
