using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Core.Documents;
using StatusHub.Core.Rendering;
using StatusHub.Core.Storage;

namespace StatusHub.LoadHarness;

/// <summary>What the Hugo comparison measured, or why it was skipped.</summary>
internal sealed record HugoRun(string? Skipped, int Towns, int OurPages, TimeSpan OurPagesTime, int OurFiles, TimeSpan OurAllFilesTime, int HugoPages, TimeSpan HugoTime, string HugoVersion);

/// <summary>
/// The same towns rendered to files on disk by our renderer and by Hugo (Debian package <c>hugo</c>) from equivalent
/// Markdown with a comparable template: a German and an English page per town with level, headline, summary, services,
/// Q&amp;A and timeline. Reading the towns from storage and writing Hugo's Markdown input are outside both timings.
/// </summary>
internal static class HugoComparison
{
    /// <summary>
    /// Renders <paramref name="count"/> towns: the documents of the rendered towns <paramref name="slugs"/>, repeated under
    /// new slugs up to <paramref name="count"/> (the content, not the storage, is what both renderers work on).
    /// </summary>
    public static async Task<HugoRun> RunAsync(
        IServiceProvider services, IReadOnlyList<string> slugs, int count, int parallelism, TextWriter progress, CancellationToken cancellationToken)
    {
        var hugo = FindOnPath("hugo");
        if (hugo is null)
        {
            const string reason = "hugo is not installed (Debian: apt-get install -y hugo)";
            progress.WriteLine($"harness: Hugo comparison skipped: {reason}");
            return new HugoRun(reason, 0, 0, default, 0, default, 0, default, "");
        }

        var root = Path.Combine(Path.GetTempPath(), "statushub-hugo", Guid.NewGuid().ToString("N"));
        try
        {
            var snapshots = await services.GetRequiredService<TownRepository>().GetManyAsync(slugs, cancellationToken).ConfigureAwait(false);
            var documents = Enumerable.Range(0, Math.Max(count, snapshots.Count)).Select(i =>
            {
                var document = TownDocument.From(snapshots[i % snapshots.Count], []);
                return i < snapshots.Count ? document : document with { Town = document.Town with { Slug = $"hugo-{i:00000}" } };
            }).ToList();
            var renderer = services.GetRequiredService<TownSiteRenderer>();
            var pages = services.GetRequiredService<StatusHub.Core.Rendering.Html.HtmlPages>();
            var baseUrl = new Uri("http://localhost/");
            var now = DateTimeOffset.UtcNow;
            progress.WriteLine($"harness: Hugo comparison: {documents.Count} towns, ours then Hugo");

            // Ours, HTML pages only (the same two pages per town Hugo makes), then every file a town has.
            var ours = Path.Combine(root, "ours");
            var ourPages = 0;
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(documents, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (document, token) =>
            {
                foreach (var language in new[] { "de", "en" })
                {
                    var html = await pages.TownPageAsync(new TownPageModel(document, language, ["de", "en"], baseUrl, now)).ConfigureAwait(false);
                    await WriteAsync(Path.Combine(ours, "pages", document.Town.Slug, language, "index.html"), Encoding.UTF8.GetBytes(html), token).ConfigureAwait(false);
                    Interlocked.Increment(ref ourPages);
                }
            }).ConfigureAwait(false);
            var ourPagesTime = clock.Elapsed;

            var ourFiles = 0;
            clock.Restart();
            await Parallel.ForEachAsync(documents, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (document, token) =>
            {
                foreach (var file in await renderer.RenderTownAsync(document, baseUrl, now).ConfigureAwait(false))
                {
                    await WriteAsync(Path.Combine(ours, "all", file.Path), file.Content, token).ConfigureAwait(false);
                    Interlocked.Increment(ref ourFiles);
                }
            }).ConfigureAwait(false);
            var ourAllTime = clock.Elapsed;

            // Hugo: equivalent Markdown (JSON front matter + the summary as body) and a comparable template.
            var site = Path.Combine(root, "hugo");
            WriteSite(site, documents);
            var output = Path.Combine(root, "hugo-public");
            clock.Restart();
            var (exit, log) = await RunHugoAsync(hugo, ["--quiet", "--source", site, "--destination", output], cancellationToken).ConfigureAwait(false);
            var hugoTime = clock.Elapsed;
            if (exit != 0)
            {
                throw new InvalidOperationException($"hugo failed ({exit}): {log}");
            }

            var hugoPages = Directory.EnumerateFiles(output, "index.html", SearchOption.AllDirectories).Count();
            var version = (await RunHugoAsync(hugo, ["version"], cancellationToken).ConfigureAwait(false)).Output.Trim();
            return new HugoRun(null, documents.Count, ourPages, ourPagesTime, ourFiles, ourAllTime, hugoPages, hugoTime, version);
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static async Task WriteAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content, cancellationToken).ConfigureAwait(false);
    }

    private static void WriteSite(string site, IReadOnlyList<TownDocument> documents)
    {
        Directory.CreateDirectory(Path.Combine(site, "layouts", "_default"));
        File.WriteAllText(Path.Combine(site, "config.toml"),
            "baseURL = 'http://localhost/'\ntitle = 'StatusHub'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT', '404', 'home', 'section']\n"
            + "[markup.goldmark.renderer]\nunsafe = false\n");
        File.WriteAllText(Path.Combine(site, "layouts", "_default", "list.html"), "");
        File.WriteAllText(Path.Combine(site, "layouts", "_default", "single.html"), Template);
        foreach (var document in documents)
        {
            foreach (var language in new[] { "de", "en" })
            {
                var folder = Path.Combine(site, "content", document.Town.Slug, language);
                Directory.CreateDirectory(folder);
                var front = new JsonObject
                {
                    ["title"] = document.Town.Name,
                    ["lang"] = language,
                    ["level"] = document.Level.ToString(),
                    ["headline"] = Text(document.Headline, language),
                    ["asOf"] = document.AsOf?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    ["moreInfo"] = document.MoreInfoUrl,
                    ["website"] = document.Town.Website,
                    ["phone"] = document.Town.Phone,
                    ["services"] = new JsonArray(document.Services.Select(s => (JsonNode)new JsonObject
                    {
                        ["name"] = Text(s.Name, language), ["state"] = s.State.ToString(), ["note"] = Text(s.Note, language),
                    }).ToArray()),
                    ["qa"] = new JsonArray(document.Qa.Select(q => (JsonNode)new JsonObject
                    {
                        ["q"] = Text(q.Question, language), ["a"] = Text(q.Answer, language),
                    }).ToArray()),
                    ["updates"] = new JsonArray(document.Updates.Select(u => (JsonNode)new JsonObject
                    {
                        ["at"] = u.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), ["text"] = Text(u.Text, language),
                    }).ToArray()),
                };
                File.WriteAllText(Path.Combine(folder, "index.md"), front.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n\n" + Text(document.Summary, language) + "\n");
            }
        }
    }

    private static string Text(LocalizedText text, string language) =>
        text.TryGetValue(language, out var value) ? value : text.TryGetValue("de", out var german) ? german : text.Values.FirstOrDefault() ?? "";

    // Comparable to our town page: header, level badge, headline, "as of", summary (Markdown), services table with notes,
    // Q&A (Markdown answers), timeline, contact; escaped output throughout (Hugo's html/template).
    private const string Template = """
<!DOCTYPE html>
<html lang="{{ .Params.lang }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ .Title }} – StatusHub</title>
<meta name="description" content="{{ .Params.headline }}"><link rel="canonical" href="{{ .Permalink }}">
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:auto;padding:1rem}.badge{padding:.2rem .5rem;border-radius:.3rem;background:#eee}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem}</style></head>
<body><header><a href="/">StatusHub</a></header>
<main id="main">
<h1>{{ .Title }}</h1>
<p><span class="badge level-{{ .Params.level }}">{{ .Params.level }}</span> <strong>{{ .Params.headline }}</strong></p>
{{ with .Params.asOf }}<p>Stand: <time>{{ . }}</time></p>{{ end }}
<section>{{ .Content }}</section>
{{ with .Params.moreInfo }}<p><a href="{{ . }}">Mehr Informationen</a></p>{{ end }}
<h2>Dienste</h2>
<table><thead><tr><th>Dienst</th><th>Zustand</th><th>Hinweis</th></tr></thead><tbody>
{{ range .Params.services }}<tr><td>{{ .name }}</td><td class="state-{{ .state }}">{{ .state }}</td><td>{{ .note }}</td></tr>
{{ end }}</tbody></table>
<h2>Fragen und Antworten</h2>
{{ range .Params.qa }}<details><summary>{{ .q }}</summary>{{ .a | markdownify }}</details>
{{ end }}
<h2>Verlauf</h2><ol>
{{ range .Params.updates }}<li><time>{{ .at }}</time> {{ .text | markdownify }}</li>
{{ end }}</ol>
<footer>{{ with .Params.website }}<a href="{{ . }}">{{ . }}</a>{{ end }} {{ with .Params.phone }}<a href="tel:{{ . }}">{{ . }}</a>{{ end }}</footer>
</main></body></html>
""";

    private static async Task<(int Exit, string Output)> RunHugoAsync(string hugo, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(hugo) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("hugo did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
