using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Cronos;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StatusHub.Core.Rendering;
using StatusHub.Core.Storage;
using StatusHub.Server.Hosting;

namespace StatusHub.LoadHarness;

/// <summary>One harness run: Azurite, the real server on Kestrel (free port), the load, the raw baselines, the report.</summary>
public static partial class Harness
{
    private const string AdminKey = "harness-admin-key-0123456789abcdef0123";
    private const string RawTable = "HarnessRawUpserts";
    private const string RawContainer = "harness-raw";
    private const int Slices = 4;

    public static async Task<string> RunAsync(HarnessOptions options, TextWriter progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var root = RepositoryRoot.Find(AppContext.BaseDirectory, Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException("Run the harness inside the StatusHub checkout (Azurite comes from its node_modules).");
        var dataFolder = Path.Combine(Path.GetTempPath(), "statushub-harness", Guid.NewGuid().ToString("N"));
        var total = Stopwatch.StartNew();
        var report = new Report(options);
        // Parsed up front: a bad schedule fails now, not after minutes of measurements.
        var freshnessSchedule = CronExpression.Parse(options.FreshnessSchedule ?? RenderOptions.DefaultSchedule, CronFormat.IncludeSeconds);

        var azurite = await AzuriteProcess.StartAsync(root, dataFolder, NullLogger.Instance, cancellationToken).ConfigureAwait(false);
        report.AzuriteVersion = AzuriteVersion(root);
        var app = BuildServer(azurite.ConnectionString, options, OnceAYear);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var baseUrl = new Uri(app.Urls.First(u => u.StartsWith("http://", StringComparison.Ordinal)) + "/");
            progress.WriteLine($"harness: server at {baseUrl}, Azurite tables :{azurite.TablePort}, blobs :{azurite.BlobPort}");
            using var http = NewClient(baseUrl);
            var calls = app.Services.GetRequiredService<StorageCalls>();
            var demo = DemoBodies.Load(root);
            var tables = new TableServiceClient(azurite.ConnectionString);
            var blobs = new BlobServiceClient(azurite.ConnectionString);
            var memory = new MemorySampler();

            // (a) Publishing against raw upserts of the head row, level by level.
            progress.WriteLine($"harness: creating {options.PublishTowns} publishing towns");
            var publishers = await CreatePublishersAsync(http, options, demo, cancellationToken).ConfigureAwait(false);
            var headRow = await tables.GetTableClient(StatusHubStorage.TownsTable)
                .GetEntityAsync<TableEntity>(publishers[0].Slug, "d|town", cancellationToken: cancellationToken).ConfigureAwait(false);
            var raw = tables.GetTableClient(RawTable);
            await raw.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            memory.Start();
            foreach (var level in options.Concurrency)
            {
                // API and raw alternate in short slices, so load from other processes on a shared machine hits both alike.
                progress.WriteLine($"harness: publishing at concurrency {level}: {options.SecondsPerLevel} s API and {options.SecondsPerLevel} s raw upserts, alternating in {Slices} slices");
                var slice = options.SecondsPerLevel / Slices;
                LoadResult? api = null, upserts = null;
                for (var i = 0; i < Slices; i++)
                {
                    api = LoadResult.Merge(api, await LoadAsync(level, slice, publishers.Count, (town, n, token) => PublishAsync(http, publishers[town], demo, n, token), cancellationToken)
                        .ConfigureAwait(false));
                    upserts = LoadResult.Merge(upserts, await LoadAsync(level, slice, publishers.Count, (town, n, token) => RawUpsertAsync(raw, headRow.Value, publishers[town].Slug, n, token), cancellationToken)
                        .ConfigureAwait(false));
                }

                report.Publish.Add((level, api!, upserts!));
            }

            report.PublishPeakWorkingSet = memory.Stop();

            // (b) A full render of N towns against raw uploads of the same files at the same parallelism.
            progress.WriteLine($"harness: creating {options.Towns} towns in regions of {options.RegionSize}");
            var setup = Stopwatch.StartNew();
            var slugs = await CreateRenderTownsAsync(http, options, demo, cancellationToken).ConfigureAwait(false);
            report.SetupSeconds = setup.Elapsed.TotalSeconds;
            progress.WriteLine($"harness: full render of {slugs.Count + publishers.Count} towns");
            GC.Collect();
            memory.Start();
            var before = calls.Snapshot();
            var clock = Stopwatch.StartNew();
            var full = await RenderAsync(http, cancellationToken).ConfigureAwait(false);
            report.FullRender = new RenderRun(clock.Elapsed, full, calls.Snapshot() - before);
            report.RenderPeakWorkingSet = memory.Stop();

            progress.WriteLine("harness: raw uploads of the same files");
            report.RawUpload = await RawUploadAsync(blobs, options.RenderParallelism, cancellationToken).ConfigureAwait(false);

            if (options.Hugo)
            {
                report.Hugo = await HugoComparison.RunAsync(app.Services, slugs, Math.Max(options.TickTowns, slugs.Count), options.RenderParallelism, progress, cancellationToken).ConfigureAwait(false);
            }

            var extra = options.TickTowns - slugs.Count - publishers.Count;
            if (extra > 0)
            {
                progress.WriteLine($"harness: copying {extra} more towns straight into the tables for the ticks");
                clock.Restart();
                await SeedAsync(tables, app.Services, slugs[0], slugs.Count, extra, options.RegionSize, "town-", "seed-region-", cancellationToken).ConfigureAwait(false);
                report.Seeded = (extra, clock.Elapsed);
            }

            // (c) An incremental tick with one town changed, then an idle tick.
            var changed = slugs[slugs.Count / 2];
            await PutStatusAsync(http, changed, demo, "Inkrementell " + Guid.NewGuid().ToString("N")[..8], cancellationToken).ConfigureAwait(false);
            before = calls.Snapshot();
            clock.Restart();
            var incremental = await RenderAsync(http, cancellationToken).ConfigureAwait(false);
            report.IncrementalTick = new RenderRun(clock.Elapsed, incremental, calls.Snapshot() - before);

            // The floor of that tick: the same region's town partitions read with the raw SDK, same query, same parallelism.
            var changedIndex = slugs.Count / 2;
            var regionTowns = slugs.Where((_, i) => i / Math.Max(1, options.RegionSize) == changedIndex / Math.Max(1, options.RegionSize)).ToList();
            report.RawRegionRead = await RawRegionReadAsync(tables.GetTableClient(StatusHubStorage.TownsTable), regionTowns, cancellationToken).ConfigureAwait(false);

            before = calls.Snapshot();
            clock.Restart();
            var idle = await RenderAsync(http, cancellationToken).ConfigureAwait(false);
            report.IdleTick = new RenderRun(clock.Elapsed, idle, calls.Snapshot() - before);

            // (d) Freshness: acknowledged write, POST /api/v1/render, the changed page served.
            var marker = "Frische " + Guid.NewGuid().ToString("N")[..12];
            clock.Restart();
            await PutStatusAsync(http, changed, demo, marker, cancellationToken).ConfigureAwait(false);
            var acknowledged = clock.Elapsed;
            await RenderAsync(http, cancellationToken).ConfigureAwait(false);
            var rendered = clock.Elapsed;
            var polls = 0;
            while (true)
            {
                polls++;
                var page = await http.GetStringAsync(new Uri(changed + "/", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (page.Contains(marker, StringComparison.Ordinal))
                {
                    break;
                }

                if (clock.Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw new InvalidOperationException("The changed page was not served within 30 s of the render.");
                }

                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            }

            report.Freshness = (acknowledged, rendered, clock.Elapsed, polls);

            // (e) Freshness with the server's own render timer: a second server whose scheduler runs.
            if (options.FreshnessSamples > 0)
            {
                report.ScheduledFreshness = await ScheduledFreshnessAsync(azurite.ConnectionString, options, freshnessSchedule, changed, demo, progress, cancellationToken)
                    .ConfigureAwait(false);
            }

            // (f) Shared incidents (#17): the tick after one POST …/incidents/{id}/updates, against a one-town tick measured just before it.
            foreach (var members in options.IncidentTowns ?? [])
            {
                report.Incidents.Add(await IncidentTickAsync(http, tables, app.Services, calls, demo, changed, slugs[0], members, options, progress, cancellationToken)
                    .ConfigureAwait(false));
            }
        }
        finally
        {
            await StopAsync(app, azurite, dataFolder).ConfigureAwait(false);
        }

        using (var self = Process.GetCurrentProcess())
        {
            report.ProcessPeakWorkingSet = self.PeakWorkingSet64;
        }

        report.TotalSeconds = total.Elapsed.TotalSeconds;

        var markdown = report.ToMarkdown();
        progress.WriteLine();
        progress.WriteLine(markdown);
        return markdown;
    }

    /// <summary>The main server's schedule: the harness renders explicitly (POST /api/v1/render), so each measurement is one tick.</summary>
    private const string OnceAYear = "0 0 0 1 1 *";

    /// <summary>
    /// Starts a second server on the same Azurite with <see cref="HarnessOptions.FreshnessSchedule"/> (null: the default
    /// schedule, not set at all) and measures, per sample, acknowledged status write → the changed status.json served by
    /// it, polled every 100 ms. The writes are made (i + 0.5) / n of a period after a tick (i = 0 … n - 1, starting with
    /// the position that comes next), so their waits spread over the period; the tick that rendered it is taken from the render job's own "Render done" log entry (its server ms).
    /// The main server's timer never fires and it is idle now, so the render lease is never contended.
    /// </summary>
    private static async Task<ScheduledFreshness> ScheduledFreshnessAsync(
        string connectionString, HarnessOptions options, CronExpression schedule, string town, DemoBodies demo, TextWriter progress, CancellationToken cancellationToken)
    {
        var renders = new RenderLog();
        var label = options.FreshnessSchedule ?? RenderOptions.DefaultSchedule;
        var app = BuildServer(connectionString, options, options.FreshnessSchedule, renders);
        var samples = new List<ScheduledSample>();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var baseUrl = new Uri(app.Urls.First(u => u.StartsWith("http://", StringComparison.Ordinal)) + "/");
            using var http = NewClient(baseUrl);
            // Start with the spread position that comes next in the current period, then one write per period: n writes take about n periods.
            var n = options.FreshnessSamples;
            var started = DateTimeOffset.UtcNow;
            var firstTick = NextTick(schedule, started);
            var firstPeriod = NextTick(schedule, firstTick) - firstTick;
            var first = Enumerable.Range(0, n).Select(i => (int?)i)
                .FirstOrDefault(i => firstTick - firstPeriod + (firstPeriod * ((i!.Value + 0.5) / n)) >= started + TimeSpan.FromMilliseconds(200)) ?? 0;
            for (var k = 0; k < n; k++)
            {
                var i = (first + k) % n;
                var now = DateTimeOffset.UtcNow;
                var next = NextTick(schedule, now);
                var period = NextTick(schedule, next) - next;
                var writeAt = next - period + (period * ((i + 0.5) / n));
                if (writeAt < now + TimeSpan.FromMilliseconds(200))
                {
                    writeAt += period;
                }

                progress.WriteLine($"harness: scheduled freshness sample {k + 1} of {n} (schedule {label}): writing at {writeAt:HH:mm:ss.fff} UTC");
                var delay = writeAt - DateTimeOffset.UtcNow;
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }

                var marker = "Takt" + Guid.NewGuid().ToString("N")[..12];
                await PutStatusAsync(http, town, demo, marker, cancellationToken).ConfigureAwait(false);
                var acknowledgedAt = DateTimeOffset.UtcNow;
                var clock = Stopwatch.StartNew();
                var tick = NextTick(schedule, acknowledgedAt);
                var sinceTick = acknowledgedAt - (tick - period);
                var polls = 0;
                while (true)
                {
                    polls++;
                    var json = await http.GetStringAsync(new Uri(town + "/status.json", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                    if (json.Contains(marker, StringComparison.Ordinal))
                    {
                        break;
                    }

                    if (clock.Elapsed > 2 * period + TimeSpan.FromSeconds(60))
                    {
                        throw new InvalidOperationException($"The scheduled render ({label}) did not serve the change within {clock.Elapsed.TotalSeconds:0} s of the write.");
                    }

                    await Task.Delay(100, cancellationToken).ConfigureAwait(false);
                }

                var served = clock.Elapsed;

                // The render job logs "Render done" after its last write, so the page may be served a moment before.
                RenderLog.Entry? rendered = null;
                for (var wait = 0; wait < 100 && (rendered = renders.FirstAfter(acknowledgedAt)) is null; wait++)
                {
                    await Task.Delay(50, cancellationToken).ConfigureAwait(false);
                }

                samples.Add(new ScheduledSample(sinceTick, tick - acknowledgedAt, rendered?.Elapsed, served, polls));
            }
        }
        finally
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }

        return new ScheduledFreshness(label, options.FreshnessSchedule is null, samples);
    }

    private static DateTimeOffset NextTick(CronExpression schedule, DateTimeOffset after) =>
        schedule.GetNextOccurrence(after, TimeZoneInfo.Utc) ?? throw new InvalidOperationException("The render schedule has no further occurrence.");

    /// <summary>Stops the server, then Azurite, and removes Azurite's data folder: the end of every harness run.</summary>
    private static async Task StopAsync(WebApplication app, AzuriteProcess azurite, string dataFolder)
    {
        try
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            // AzuriteProcess.DisposeAsync is not idempotent (a second call throws), so it is called exactly once, here.
            await azurite.DisposeAsync().ConfigureAwait(false);
            try
            {
                Directory.Delete(dataFolder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static WebApplication BuildServer(string connectionString, HarnessOptions options, string? schedule, RenderLog? renders = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ApplicationName = "StatusHub.Server" });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var settings = new Dictionary<string, string?>
        {
            ["StatusHub:Storage:ConnectionString"] = connectionString,
            ["StatusHub:AdminKey"] = AdminKey,
            ["StatusHub:Demo:Enabled"] = "false",
            // Production requires the public site's address (feeds, canonical links, CAP); the harness serves none.
            ["StatusHub:SiteBaseUrl"] = "https://status.example.org/",
            ["StatusHub:Render:MaxParallelism"] = options.RenderParallelism.ToString(CultureInfo.InvariantCulture),
            // The shared 2-core machine stalls the emulator for seconds at times; production's 2 s storage budget then answers
            // 503 (session 1 saw it at concurrency 32) and the measurement stops. The budgets the tests use keep it running.
            ["StatusHub:Storage:TotalTimeout"] = "00:00:20",
            ["StatusHub:Storage:AttemptTimeout"] = "00:00:10",
            // One client address and few keys write as fast as they can: the abuse limits have their own tests.
            ["StatusHub:Limits:FailedAuthPerAddress"] = "100000000",
            ["StatusHub:Limits:FailedAuthPerKey"] = "100000000",
            ["StatusHub:Limits:WritesPerKey"] = "100000000",
            // One address reads as fast as it can (the contract run's GETs); the limit has its own tests.
            ["StatusHub:Limits:AnonymousReadsPerAddress"] = "100000000",
        };
        if (schedule is not null)
        {
            settings["StatusHub:Render:Schedule"] = schedule;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddStatusHubServer();
        if (renders is not null)
        {
            builder.Logging.AddProvider(renders);
        }

        // appsettings.json beside the binary may ask for Information logs; the harness prints only warnings and errors.
        builder.Services.PostConfigure<LoggerFilterOptions>(filter =>
        {
            filter.Rules.Clear();
            filter.MinLevel = LogLevel.Warning;
            if (renders is not null)
            {
                filter.Rules.Add(new LoggerFilterRule(typeof(RenderLog).FullName, typeof(RenderJob).FullName, LogLevel.Information, null));
            }
        });
        var app = builder.Build();
        app.MapStatusHubServer();
        return app;
    }

    private static HttpClient NewClient(Uri baseUrl)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        var client = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(30) };
        return client;
    }

    private sealed record Publisher(string Slug, string Key);

    private static async Task<IReadOnlyList<Publisher>> CreatePublishersAsync(HttpClient http, HarnessOptions options, DemoBodies demo, CancellationToken cancellationToken)
    {
        var publishers = new Publisher[options.PublishTowns];
        await Parallel.ForEachAsync(Enumerable.Range(0, options.PublishTowns), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var slug = $"pub-{i:0000}";
            await SendAsync(http, HttpMethod.Put, $"api/v1/towns/{slug}", demo.Profile(slug, "harness-publish", []), AdminKey, token).ConfigureAwait(false);
            var key = await SendAsync(http, HttpMethod.Post, "api/v1/keys", new JsonObject { ["scope"] = "town", ["town"] = slug, ["label"] = "harness" }, AdminKey, token)
                .ConfigureAwait(false);
            publishers[i] = new Publisher(slug, key!["key"]!.GetValue<string>());
            await SendAsync(http, HttpMethod.Put, $"api/v1/towns/{slug}/status", demo.Status("Start", DateTimeOffset.UtcNow), publishers[i].Key, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return publishers;
    }

    private static Task<IReadOnlyList<string>> CreateRenderTownsAsync(HttpClient http, HarnessOptions options, DemoBodies demo, CancellationToken cancellationToken) =>
        CreateTownsAsync(http, options.Towns, options.RegionSize, "town-", "region-", demo, cancellationToken);

    /// <summary>Complete towns (profile, status, services, Q&amp;A) created through the API, <paramref name="regionSize"/> to a region.</summary>
    private static async Task<IReadOnlyList<string>> CreateTownsAsync(
        HttpClient http, int count, int regionSize, string slugPrefix, string regionPrefix, DemoBodies demo, CancellationToken cancellationToken)
    {
        var size = Math.Max(1, regionSize);
        var slugs = Enumerable.Range(0, count).Select(i => $"{slugPrefix}{i:00000}").ToList();
        var now = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var slug = slugs[i];
            var region = $"{regionPrefix}{i / size:000}";
            var neighbours = new[] { i - 1, i + 1 }.Where(n => n >= 0 && n < slugs.Count && n / size == i / size).Select(n => slugs[n]).ToArray();
            await SendAsync(http, HttpMethod.Put, $"api/v1/towns/{slug}", demo.Profile(slug, region, neighbours), AdminKey, token).ConfigureAwait(false);
            await SendAsync(http, HttpMethod.Put, $"api/v1/towns/{slug}/status", demo.Status($"Stadt {i}", now), AdminKey, token).ConfigureAwait(false);
            await SendAsync(http, HttpMethod.Put, $"api/v1/towns/{slug}/services", demo.Services(i), AdminKey, token).ConfigureAwait(false);
            await SendAsync(http, HttpMethod.Put, $"api/v1/towns/{slug}/qa", demo.Qa, AdminKey, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return slugs;
    }

    private static Task PublishAsync(HttpClient http, Publisher publisher, DemoBodies demo, long n, CancellationToken cancellationToken) =>
        SendAsync(http, HttpMethod.Put, $"api/v1/towns/{publisher.Slug}/status", demo.Status($"Lage {n}", DateTimeOffset.UtcNow), publisher.Key, cancellationToken, retries: 0);

    private static Task PutStatusAsync(HttpClient http, string slug, DemoBodies demo, string headline, CancellationToken cancellationToken) =>
        SendAsync(http, HttpMethod.Put, $"api/v1/towns/{slug}/status", demo.Status(headline, DateTimeOffset.UtcNow), AdminKey, cancellationToken);

    /// <summary>The same entity as the town's head row (same properties and sizes), upserted into its own table.</summary>
    private static Task RawUpsertAsync(TableClient raw, TableEntity head, string partition, long n, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(head) { PartitionKey = partition, RowKey = "d|town", ETag = default };
        entity.Remove("odata.etag");
        entity.Remove("Timestamp");
        entity["Headline__de"] = $"Lage {n}";
        return raw.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    private static async Task<RenderResultDto> RenderAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var body = await SendAsync(http, HttpMethod.Post, "api/v1/render", null, AdminKey, cancellationToken).ConfigureAwait(false);
        return body.Deserialize<RenderResultDto>(JsonSerializerOptions.Web)!;
    }

    /// <summary>One API call; a 503 is retried <paramref name="retries"/> times (setup only: measured calls count it as an error).</summary>
    private static async Task<JsonNode?> SendAsync(
        HttpClient http, HttpMethod method, string path, JsonNode? body, string key, CancellationToken cancellationToken, int retries = 5)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable && retries > 0)
        {
            // Setup writes behave like a good client: storage was overloaded, so wait as told and send the same write again.
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            return await SendAsync(http, method, path, body, key, cancellationToken, retries - 1).ConfigureAwait(false);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} /{path} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }

        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    /// <summary>
    /// <paramref name="concurrency"/> workers, each owning the towns w, w + c, w + 2c … of <paramref name="towns"/>, call
    /// <paramref name="operation"/> back to back for <paramref name="seconds"/>; latencies of every call are kept.
    /// </summary>
    private static async Task<LoadResult> LoadAsync(
        int concurrency, double seconds, int towns, Func<int, long, CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double[]>();
        var errors = 0L;
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        var sequence = 0L;
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = new List<double>();
            // Each worker owns its own towns, so writers never race on one head row (with more workers than towns they share).
            var owned = concurrency <= towns ? Enumerable.Range(0, towns).Where(t => t % concurrency == w).ToArray() : [w % towns];

            var turn = 0;
            while (clock.Elapsed < deadline)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await operation(owned[turn++ % owned.Length], Interlocked.Increment(ref sequence), cancellationToken).ConfigureAwait(false);
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                catch (Exception error) when (error is HttpRequestException or Azure.RequestFailedException)
                {
                    Interlocked.Increment(ref errors);
                }
            }

            latencies.Add([.. mine]);
        }, cancellationToken)).ToList();
        await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(all.Length, Interlocked.Read(ref errors), elapsed, all);
    }

    private static async Task<RawUploadRun> RawUploadAsync(BlobServiceClient blobs, int parallelism, CancellationToken cancellationToken)
    {
        var web = blobs.GetBlobContainerClient(StatusHubStorage.WebContainer);
        var files = new List<(string Name, BlobHttpHeaders Headers, IDictionary<string, string> Metadata, BinaryData Content)>();
        await foreach (var item in web.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancellationToken).ConfigureAwait(false))
        {
            var content = await web.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            files.Add((item.Name, new BlobHttpHeaders { ContentType = item.Properties.ContentType, CacheControl = item.Properties.CacheControl }, item.Metadata, content.Value.Content));
        }

        var target = blobs.GetBlobContainerClient(RawContainer);
        await target.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (file, token) =>
        {
            var options = new BlobUploadOptions { HttpHeaders = file.Headers, Metadata = file.Metadata };
            await target.GetBlobClient(file.Name).UploadAsync(file.Content, options, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return new RawUploadRun(files.Count, files.Sum(f => (long)f.Content.ToMemory().Length), clock.Elapsed);
    }

    /// <summary>
    /// Copies the head row of a rendered town into <paramref name="count"/> new towns in regions of their own, gives each a
    /// scheduled staleness marker and lists their regions in the region directory: what the ticks see of a full render of
    /// them (the changed town's region is one the harness rendered; these towns are only listed, counted and indexed).
    /// Head rows only: Azurite's LokiJS updates its binary indices on every insert, so copying all ~20 rows of 10,000
    /// towns takes longer than the whole 10-minute budget.
    /// </summary>
    private static async Task<IReadOnlyList<string>> SeedAsync(
        TableServiceClient tables, IServiceProvider services, string template, int first, int count, int regionSize, string slugPrefix, string regionPrefix,
        CancellationToken cancellationToken)
    {
        var towns = tables.GetTableClient(StatusHubStorage.TownsTable);
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {template} and RowKey ge {"d|"} and RowKey lt {"d}"}");
        await foreach (var row in towns.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        var head = rows.Single(r => r.RowKey == "d|town");
        var level = StatusHub.Contracts.EnumNames.TryParseLevel(head.GetString("Level"), out var parsed) ? parsed : StatusHub.Contracts.TownLevel.Normal;
        var seeded = Enumerable.Range(first, count).Select(i => (Slug: $"{slugPrefix}{i:00000}", Region: $"{regionPrefix}{(i - first) / Math.Max(1, regionSize):000}")).ToList();
        await Parallel.ForEachAsync(seeded, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (town, token) =>
        {
            var actions = rows.Where(row => row.RowKey == "d|town").Select(row =>
            {
                var copy = new TableEntity(row) { PartitionKey = town.Slug };
                copy.Remove("odata.etag");
                copy.Remove("Timestamp");
                if (row.RowKey == "d|town")
                {
                    copy["Name"] = "Harness " + town.Slug;
                    copy["Region"] = town.Region;
                    copy["Neighbours"] = "";
                }

                return new TableTransactionAction(TableTransactionActionType.Add, copy);
            }).ToList();
            await towns.SubmitTransactionAsync(actions, token).ConfigureAwait(false);
        }).ConfigureAwait(false);

        var markers = tables.GetTableClient(StatusHubStorage.RenderTable);
        var dueAt = DateTimeOffset.UtcNow.AddDays(3);
        await Parallel.ForEachAsync(seeded.Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (chunk, token) =>
        {
            var actions = chunk.Select(t => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new TableEntity(RenderMarkers.Partition, t.Slug) { ["DueAt"] = dueAt })).ToList();
            await markers.SubmitTransactionAsync(actions, token).ConfigureAwait(false);
        }).ConfigureAwait(false);

        var directory = services.GetRequiredService<RegionDirectory>();
        foreach (var region in seeded.GroupBy(t => t.Region))
        {
            await directory.WriteAsync(region.Key, region.Select(t => new DirectoryTown(t.Slug, "Harness " + t.Slug, region.Key, level, head.GetDateTimeOffset("AsOf"))).ToList(), cancellationToken)
                .ConfigureAwait(false);
        }

        return [.. seeded.Select(t => t.Slug)];
    }

    /// <summary>
    /// <paramref name="members"/> towns copied straight into the tables (<see cref="SeedAsync"/>, regions of their own), one
    /// shared incident over all of them created through the API with the admin key and rendered once; then a one-town tick
    /// (<paramref name="changed"/>'s status) and the tick after one POST …/incidents/{id}/updates, both counted. The incident
    /// tick is bounded by <see cref="HarnessOptions.IncidentSeconds"/>: past it the client gives up and the calls so far are kept.
    /// </summary>
    private static async Task<IncidentRun> IncidentTickAsync(
        HttpClient http, TableServiceClient tables, IServiceProvider services, StorageCalls calls, DemoBodies demo, string changed, string template, int members,
        HarnessOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        progress.WriteLine($"harness: incident with {members} member towns: copying them straight into the tables");
        var clock = Stopwatch.StartNew();
        var slugs = await SeedAsync(tables, services, template, 0, members, options.RegionSize, $"inc{members}-", $"inc{members}-region-", cancellationToken)
            .ConfigureAwait(false);
        var seeded = clock.Elapsed;

        var incident = $"harness-{members}";
        progress.WriteLine($"harness: PUT /api/v1/incidents/{incident} and its first render");
        clock.Restart();
        var definition = new JsonObject
        {
            ["title"] = new JsonObject { ["de"] = $"Cyberangriff auf den IT-Dienstleister ({members} Kommunen)" },
            ["summary"] = new JsonObject { ["de"] = "Die Fachverfahren der Mitgliedskommunen sind seit heute früh nicht erreichbar." },
            ["towns"] = new JsonArray([.. slugs.Select(s => (JsonNode)JsonValue.Create(s))]),
            ["startedAt"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("O", CultureInfo.InvariantCulture),
        };
        await SendAsync(http, HttpMethod.Put, $"api/v1/incidents/{incident}", definition, AdminKey, cancellationToken).ConfigureAwait(false);
        await RenderAsync(http, cancellationToken).ConfigureAwait(false);
        var setup = clock.Elapsed;

        // The baseline in the same run, just before: one town's status changed, one tick.
        await PutStatusAsync(http, changed, demo, "Eine Stadt " + Guid.NewGuid().ToString("N")[..8], cancellationToken).ConfigureAwait(false);
        var before = calls.Snapshot();
        clock.Restart();
        var one = await RenderAsync(http, cancellationToken).ConfigureAwait(false);
        var oneTown = new RenderRun(clock.Elapsed, one, calls.Snapshot() - before);

        var marker = "Lagebericht " + Guid.NewGuid().ToString("N")[..12];
        var update = new JsonObject { ["text"] = new JsonObject { ["de"] = marker }, ["at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) };
        await SendAsync(http, HttpMethod.Post, $"api/v1/incidents/{incident}/updates", update, AdminKey, cancellationToken).ConfigureAwait(false);
        progress.WriteLine($"harness: the render tick after one incident update ({members} member towns, at most {options.IncidentSeconds} s)");
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(options.IncidentSeconds));
        before = calls.Snapshot();
        clock.Restart();
        RenderResultDto? tick = null;
        try
        {
            tick = await RenderAsync(http, bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            progress.WriteLine($"harness: the incident tick did not finish within {options.IncidentSeconds} s; keeping what it did so far");
        }

        var elapsed = clock.Elapsed;
        var tickCalls = calls.Snapshot() - before;

        // Proof that the tick did the work: the last member town's status.json carries the update.
        var shown = tick is not null && (await http.GetStringAsync(new Uri(slugs[^1] + "/status.json", UriKind.Relative), cancellationToken).ConfigureAwait(false))
            .Contains(marker, StringComparison.Ordinal);
        return new IncidentRun(members, seeded, setup, oneTown, elapsed, tick, tickCalls, shown);
    }

    /// <summary>Reads the document rows of <paramref name="slugs"/> (the renderer's query) at the renderer's read parallelism (8).</summary>
    private static async Task<(int Partitions, TimeSpan Elapsed)> RawRegionReadAsync(TableClient towns, IReadOnlyList<string> slugs, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(slugs, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (slug, token) =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {slug} and RowKey ge {"d|"} and RowKey lt {"d}"}");
            await foreach (var row in towns.QueryAsync<TableEntity>(filter, cancellationToken: token).ConfigureAwait(false))
            {
                _ = row;
            }
        }).ConfigureAwait(false);
        return (slugs.Count, clock.Elapsed);
    }

    private static string AzuriteVersion(string root)
    {
        try
        {
            var package = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "node_modules", "azurite", "package.json")));
            return package?["version"]?.GetValue<string>() ?? "?";
        }
        catch (IOException)
        {
            return "?";
        }
    }

    internal static string Machine(string azurite) =>
        $"{Environment.ProcessorCount} logical cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):0.0} GiB RAM available to .NET, "
        + $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}, Azurite {azurite}, Server GC {System.Runtime.GCSettings.IsServerGC}";
}

/// <summary>The JSON answer of POST /api/v1/render.</summary>
public sealed record RenderResultDto(int TownsRendered, int BlobsWritten, int BlobsUnchanged, long ElapsedMs, int TownsFailed);

internal sealed record LoadResult(long Count, long Errors, TimeSpan Elapsed, double[] SortedMs)
{
    public double PerSecond => Count / Elapsed.TotalSeconds;

    /// <summary>Two measurements of the same thing as one: counts and time add up, latencies are pooled.</summary>
    public static LoadResult Merge(LoadResult? first, LoadResult second) =>
        first is null ? second : new(first.Count + second.Count, first.Errors + second.Errors, first.Elapsed + second.Elapsed,
            [.. first.SortedMs.Concat(second.SortedMs).Order()]);

    public double Percentile(double p) => SortedMs.Length == 0 ? double.NaN : SortedMs[Math.Clamp((int)Math.Ceiling(p * SortedMs.Length) - 1, 0, SortedMs.Length - 1)];
}

/// <summary>One write measured against the scheduled render.</summary>
/// <param name="SinceTick">When the write was acknowledged, after the schedule's last occurrence.</param>
/// <param name="WaitToTick">From the acknowledgement to the schedule's next occurrence.</param>
/// <param name="Tick">The server ms of the scheduled render that rendered it (its "Render done" log entry); null if none was logged.</param>
/// <param name="Served">From the acknowledgement to the changed status.json served.</param>
internal sealed record ScheduledSample(TimeSpan SinceTick, TimeSpan WaitToTick, TimeSpan? Tick, TimeSpan Served, int Polls)
{
    /// <summary>What the schedule promises: the wait for the next tick plus that tick's own duration.</summary>
    public TimeSpan? Bound => Tick is { } tick ? WaitToTick + tick : null;
}

internal sealed record ScheduledFreshness(string Schedule, bool IsDefault, IReadOnlyList<ScheduledSample> Samples);

/// <summary>Records the render job's "Render done" entries (time, server ms) of the scheduled server; ticks without work log none.</summary>
internal sealed class RenderLog : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    internal sealed record Entry(DateTimeOffset At, TimeSpan Elapsed, int Towns);

    public Entry? FirstAfter(DateTimeOffset instant) => _entries.FirstOrDefault(e => e.At > instant && e.Towns > 0);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(RenderLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information && category == typeof(RenderJob).FullName;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel) || state is not IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                return;
            }

            var fields = values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
            if (fields.GetValueOrDefault("{OriginalFormat}") is not string format || !format.StartsWith("Render done", StringComparison.Ordinal))
            {
                return;
            }

            var elapsed = Convert.ToDouble(fields.GetValueOrDefault("Elapsed"), CultureInfo.InvariantCulture);
            var towns = Convert.ToInt32(fields.GetValueOrDefault("Towns"), CultureInfo.InvariantCulture);
            owner._entries.Enqueue(new Entry(DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(elapsed), towns));
        }
    }
}

internal sealed record RenderRun(TimeSpan Elapsed, RenderResultDto Result, StorageCallCount Calls);

/// <summary>
/// One incident measurement: <see cref="Tick"/> is null when the tick did not finish within the bound (then
/// <see cref="TickElapsed"/> is the bound and <see cref="TickCalls"/> the calls until then).
/// </summary>
internal sealed record IncidentRun(
    int Members, TimeSpan Seeded, TimeSpan Setup, RenderRun OneTown, TimeSpan TickElapsed, RenderResultDto? Tick, StorageCallCount TickCalls, bool UpdateShown);

internal sealed record RawUploadRun(int Files, long Bytes, TimeSpan Elapsed);

/// <summary>Samples this process's working set every 50 ms: the peak of one phase (the OS's peak counter only ever grows).</summary>
internal sealed class MemorySampler
{
    private CancellationTokenSource? _stop;
    private Task<long>? _sampling;

    public void Start()
    {
        _stop = new CancellationTokenSource();
        var token = _stop.Token;
        _sampling = Task.Run(async () =>
        {
            long peak = 0;
            using var self = Process.GetCurrentProcess();
            while (!token.IsCancellationRequested)
            {
                self.Refresh();
                peak = Math.Max(peak, self.WorkingSet64);
                try
                {
                    await Task.Delay(50, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            self.Refresh();
            return Math.Max(peak, self.WorkingSet64);
        });
    }

    public long Stop()
    {
        _stop!.Cancel();
        var peak = _sampling!.GetAwaiter().GetResult();
        _stop.Dispose();
        return peak;
    }
}
