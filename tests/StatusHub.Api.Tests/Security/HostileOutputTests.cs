using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using AngleSharp;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Api.Tests.Security;

/// <summary>
/// The hostile corpus through the API into every public file: JSON stays JSON with the text verbatim, Atom and CAP
/// stay well-formed XML carrying the text as text, and no page contains the markup unescaped.
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class HostileOutputTests(StatusHubApp app)
{
    private static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";

    public static readonly string[] Corpus =
    [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "[x](javascript:alert(1))",
        "</script><script>alert(1)</script>",
        "]]><x>",
        "\u202Efdp.exe \u202E bidi",
        "🚨🧑🏽‍💻🇩🇪 Notfall Z\u0351\u0345a\u0336",
        "<![CDATA[ x ]]> &amp; &lt;",
        "${alert(1)} {{7*7}} <%= 7*7 %>",
    ];

    [Fact]
    public async Task Every_public_file_stays_well_formed_and_carries_hostile_text_as_text()
    {
        var admin = app.Client(StatusHubApp.AdminKey);
        var region = Towns.NewSlug("hostile");
        var slugs = new List<string>();
        for (var i = 0; i < Corpus.Length; i++)
        {
            var hostile = Corpus[i];
            var slug = Towns.NewSlug("h");
            slugs.Add(slug);
            var neighbour = i > 0 ? slugs[i - 1] : null;
            await admin.Put($"/api/v1/towns/{slug}", new
            {
                name = $"Ort {hostile}",
                region,
                ags = "08416025",
                neighbours = neighbour is null ? Array.Empty<string>() : [neighbour],
                location = new { lat = 48.4 + i * 0.01, lon = 9.05 },
            }).Ok(HttpStatusCode.Created);
            await admin.Put($"/api/v1/towns/{slug}/status", new
            {
                level = i % 2 == 0 ? "emergency" : "offline",
                headline = new { de = hostile, en = hostile },
                summary = new { de = $"Zusammenfassung {hostile}" },
            }).Ok();
            var services = new List<object>
            {
                new { id = "email", state = "unavailable", note = new { de = hostile } },
                new { id = "x-custom", state = "limited", name = new { de = hostile } },
            };
            if (i % 2 == 1)
            {
                services.Add(new { id = "driving-licence", state = "limited" });
            }

            await admin.Put($"/api/v1/towns/{slug}/services", new { services }).Ok();
            await admin.Put($"/api/v1/towns/{slug}/qa", new { items = new[] { new { id = "q1", question = new { de = hostile }, answer = new { de = hostile } } } }).Ok();
            await admin.Post($"/api/v1/towns/{slug}/updates", new { text = new { de = hostile } }).Ok(HttpStatusCode.Created);
            if (neighbour is not null)
            {
                await admin.Put($"/api/v1/towns/{neighbour}/aid/mail", new { service = "driving-licence", forTowns = new[] { slug }, note = new { de = hostile } }).Ok();
                await admin.PutAsync($"/api/v1/towns/{slug}/accepted-aid/{neighbour}/mail", null).Ok();
            }
        }

        await admin.PostAsync("/api/v1/render", null).Ok();
        var site = app.Client();
        for (var i = 0; i < Corpus.Length; i++)
        {
            var (hostile, slug) = (Corpus[i], slugs[i]);
            var status = JsonNode.Parse(await site.GetStringAsync($"/{slug}/status.json"))!;
            Assert.Equal(hostile, status["headline"]!["de"]!.GetValue<string>());
            Assert.Equal(hostile, status["updates"]![0]!["text"]!["de"]!.GetValue<string>());

            var summary = JsonNode.Parse(await site.GetStringAsync($"/{slug}/api/v2/summary.json"))!;
            Assert.Equal(hostile, summary["incidents"]![0]!["name"]!.GetValue<string>());

            var atom = XDocument.Parse(await site.GetStringAsync($"/{slug}/feed.atom"));
            Assert.Contains(atom.Descendants(), e => e.Value.Contains(hostile, StringComparison.Ordinal));

            var cap = XDocument.Parse(await site.GetStringAsync($"/regions/{region}/cap/{slug}.xml"));
            Assert.Equal(hostile, cap.Root!.Element(Cap + "info")!.Element(Cap + "headline")!.Value);
            Assert.Equal($"Ort {hostile}", cap.Root.Element(Cap + "info")!.Element(Cap + "area")!.Element(Cap + "areaDesc")!.Value);

            foreach (var page in new[] { $"/{slug}/", $"/{slug}/en/" })
            {
                var document = await Parse(await site.GetStringAsync(page));
                AssertInert(document);
                Assert.Contains(hostile, document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
            }
        }

        var feed = JsonNode.Parse(await site.GetStringAsync($"/regions/{region}/feed.json"))!;
        Assert.Equal(Corpus.Length, feed["towns"]!.AsArray().Count);
        // Town i-1 offers driving licences to town i; only odd towns need them and only even towns (not offline) give them.
        Assert.Equal(Corpus.Length / 2, feed["matches"]!.AsArray().Count);
        XDocument.Parse(await site.GetStringAsync($"/regions/{region}/feed.atom"));
        var capIndex = XDocument.Parse(await site.GetStringAsync($"/regions/{region}/cap.xml"));
        Assert.Equal(Corpus.Length, capIndex.Root!.Elements(XNamespace.Get("http://www.w3.org/2005/Atom") + "entry").Count());

        var regionPage = await Parse(await site.GetStringAsync($"/regions/{region}/"));
        AssertInert(regionPage);
        var map = regionPage.QuerySelector("svg[role=img]")!.TextContent;
        Assert.All(Corpus, hostile => Assert.Contains($"Ort {hostile}", map, StringComparison.Ordinal));
        AssertInert(await Parse(await site.GetStringAsync("/")));
    }

    private static Task<AngleSharp.Dom.IDocument> Parse(string html) =>
        AngleSharp.BrowsingContext.New(AngleSharp.Configuration.Default).OpenAsync(request => request.Content(html));

    /// <summary>No script but JSON-LD, no event-handler attribute, no script or data URL anywhere in the parsed page.</summary>
    private static void AssertInert(AngleSharp.Dom.IDocument document)
    {
        Assert.All(document.QuerySelectorAll("script"), script => Assert.Equal("application/ld+json", script.GetAttribute("type")));
        foreach (var element in document.All)
        {
            Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            foreach (var url in new[] { element.GetAttribute("href"), element.GetAttribute("src") }.OfType<string>())
            {
                Assert.False(url.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || url.TrimStart().StartsWith("data:", StringComparison.OrdinalIgnoreCase), url);
            }
        }

        Assert.Empty(document.QuerySelectorAll("iframe, object, embed, base, form"));
    }
}
