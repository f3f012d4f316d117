using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StatusHub.Core.Storage;
using StatusHub.Server.Hosting;

namespace StatusHub.LoadHarness;

/// <summary>Issue #16's run: publish, render and read, each beside the raw storage work it needs, on one Azurite in one run.</summary>
public static partial class Harness
{
    private const string RawAuditedTable = "HarnessRawAudited";

    // The row layout of a town's partition (StatusHub.Core.Storage.TownRows, internal to Core), as the raw baselines need it.
    private const string HeadRow = "d|town";
    private const string DocumentFrom = "d|";
    private const string DocumentTo = "d}";
    private const string ServicePrefix = "d|svc|";

    /// <summary>
    /// Azurite and the real server as in <see cref="RunAsync"/>, then: GET /api/v1/towns/{town} at each of
    /// <see cref="HarnessOptions.ReadTowns"/> towns in the tables against the raw partition query it needs;
    /// PUT …/status at each concurrency level against the raw audited transaction (2 and 3 rows) and a raw upsert,
    /// with the server's storage requests per publish (<see cref="StorageCalls"/>); a full render against raw uploads of
    /// the files it wrote. Every pair alternates in short slices, so load from other processes hits both alike.
    /// </summary>
    public static async Task<string> RunContractAsync(HarnessOptions options, TextWriter progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        int[] sizes = options.ReadTowns is { Count: > 0 } read ? [.. read.Order()] : [20, 1000];
        var root = RepositoryRoot.Find(AppContext.BaseDirectory, Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException("Run the harness inside the StatusHub checkout (Azurite comes from its node_modules).");
        var dataFolder = Path.Combine(Path.GetTempPath(), "statushub-harness", Guid.NewGuid().ToString("N"));
        var total = Stopwatch.StartNew();
        var report = new ContractReport(options);
        report.Load.Add(("start", LoadAverage()));

        var azurite = await AzuriteProcess.StartAsync(root, dataFolder, NullLogger.Instance, cancellationToken).ConfigureAwait(false);
        report.AzuriteVersion = AzuriteVersion(root);
        var app = BuildServer(azurite.ConnectionString, options, OnceAYear);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var baseUrl = new Uri(app.Urls.First(u => u.StartsWith("http://", StringComparison.Ordinal)) + "/");
            progress.WriteLine($"harness #16: server at {baseUrl}, Azurite tables :{azurite.TablePort}, blobs :{azurite.BlobPort}");
            using var http = NewClient(baseUrl);
            var calls = app.Services.GetRequiredService<StorageCalls>();
            var demo = DemoBodies.Load(root);
            var tables = new TableServiceClient(azurite.ConnectionString);
            var blobs = new BlobServiceClient(azurite.ConnectionString);
            var towns = tables.GetTableClient(StatusHubStorage.TownsTable);

            // (e) GET of a town: the smallest size created through the API (complete towns), the larger ones copied in.
            progress.WriteLine($"harness #16: creating {sizes[0]} complete towns through the API for the reads");
            var readers = await CreateTownsAsync(http, sizes[0], options.RegionSize, "read-", "read-region-", demo, cancellationToken).ConfigureAwait(false);
            var inTables = readers.Count;

            // Unmeasured warm-up (JIT, connection pools, Azurite), so the first size is not measured on a cold process.
            await LoadAsync(options.ReadConcurrency, options.SecondsPerLevel / Slices, readers.Count, (t, _, token) => http.GetByteArrayAsync(new Uri($"api/v1/towns/{readers[t]}", UriKind.Relative), token), cancellationToken)
                .ConfigureAwait(false);
            await LoadAsync(options.ReadConcurrency, options.SecondsPerLevel / Slices, readers.Count, (t, _, token) => RawTownReadAsync(towns, readers[t], token), cancellationToken)
                .ConfigureAwait(false);
            foreach (var size in sizes)
            {
                if (size > inTables)
                {
                    progress.WriteLine($"harness #16: copying {size - inTables} more towns straight into the tables");
                    await SeedAsync(tables, app.Services, readers[0], inTables, size - inTables, options.RegionSize, $"seed{size}-", $"seed{size}-region-", cancellationToken)
                        .ConfigureAwait(false);
                    inTables = size;
                }

                progress.WriteLine($"harness #16: GET /api/v1/towns/{{town}} at {inTables} towns: {options.SecondsPerLevel} s API and {options.SecondsPerLevel} s raw, alternating in {Slices} slices");
                report.Load.Add(($"GET at {inTables} towns", LoadAverage()));
                report.Reads.Add(await MeasureReadsAsync(http, towns, calls, readers, inTables, options, cancellationToken).ConfigureAwait(false));
            }

            // (a, b, c) Publishing against the raw audited transaction and a raw upsert, with the server's storage requests.
            progress.WriteLine($"harness #16: creating {options.PublishTowns} publishing towns");
            var publishers = await CreatePublishersAsync(http, options, demo, cancellationToken).ConfigureAwait(false);
            var head = (await towns.GetEntityAsync<TableEntity>(publishers[0].Slug, HeadRow, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            var service = await FirstServiceRowAsync(towns, readers[0], cancellationToken).ConfigureAwait(false);
            var audited = tables.GetTableClient(RawAuditedTable);
            var upserts = tables.GetTableClient(RawTable);
            await audited.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            await upserts.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

            // Each publisher's head row copied into the raw table; its ETag is kept per town, as the server's head cache keeps it.
            var etags = new ETag[publishers.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, publishers.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, token) =>
            {
                var added = await audited.AddEntityAsync(CopyRow(head, publishers[i].Slug), token).ConfigureAwait(false);
                etags[i] = added.Headers.ETag ?? throw new InvalidOperationException("Azurite answered an insert without an ETag.");
            }).ConfigureAwait(false);

            foreach (var level in options.Concurrency)
            {
                progress.WriteLine($"harness #16: publishing at concurrency {level}: {options.SecondsPerLevel} s each of API, raw 2-row and 3-row transactions and raw upserts, alternating in {Slices} slices");
                report.Load.Add(($"publish at {level}", LoadAverage()));
                var run = new PublishLevel(level);
                var slice = options.SecondsPerLevel / Slices;
                for (var i = 0; i < Slices; i++)
                {
                    var before = calls.Snapshot();
                    run.Api.Add(await LoadAsync(level, slice, publishers.Count, (t, n, token) => PublishAsync(http, publishers[t], demo, n, token), cancellationToken)
                        .ConfigureAwait(false));
                    run.ApiCalls = Sum(run.ApiCalls, calls.Snapshot() - before);
                    var beforeRejected = calls.Snapshot();
                    run.NoStorage.Add(await LoadAsync(level, slice, publishers.Count, (t, n, token) => RejectedPublishAsync(http, publishers[t], demo, n, token), cancellationToken)
                        .ConfigureAwait(false));
                    run.NoStorageCalls = Sum(run.NoStorageCalls, calls.Snapshot() - beforeRejected);
                    run.Transaction.Add(await LoadAsync(level, slice, publishers.Count, (t, n, token) => RawAuditedAsync(audited, head, null, publishers[t].Slug, etags, t, n, token), cancellationToken)
                        .ConfigureAwait(false));
                    run.ThreeRows.Add(await LoadAsync(level, slice, publishers.Count, (t, n, token) => RawAuditedAsync(audited, head, service, publishers[t].Slug, etags, t, n, token), cancellationToken)
                        .ConfigureAwait(false));
                    run.Upsert.Add(await LoadAsync(level, slice, publishers.Count, (t, n, token) => RawUpsertAsync(upserts, head, publishers[t].Slug, n, token), cancellationToken)
                        .ConfigureAwait(false));
                }

                report.Publish.Add(run);
            }

            // (d) A full render of every town created through the API against raw uploads of the files it wrote.
            progress.WriteLine($"harness #16: creating {options.Towns} towns in regions of {options.RegionSize}");
            var rendered = await CreateRenderTownsAsync(http, options, demo, cancellationToken).ConfigureAwait(false);
            progress.WriteLine($"harness #16: full render of {rendered.Count + publishers.Count + readers.Count} towns");
            report.Load.Add(("full render", LoadAverage()));
            var calledBefore = calls.Snapshot();
            var clock = Stopwatch.StartNew();
            var full = await RenderAsync(http, cancellationToken).ConfigureAwait(false);
            report.FullRender = new RenderRun(clock.Elapsed, full, calls.Snapshot() - calledBefore);
            progress.WriteLine("harness #16: raw uploads of the same files");
            report.RawUpload = await RawUploadAsync(blobs, options.RenderParallelism, cancellationToken).ConfigureAwait(false);
            report.TownsInTables = inTables + publishers.Count + rendered.Count;
        }
        finally
        {
            await StopAsync(app, azurite, dataFolder).ConfigureAwait(false);
        }

        report.Load.Add(("end", LoadAverage()));
        report.TotalSeconds = total.Elapsed.TotalSeconds;
        var markdown = report.ToMarkdown();
        progress.WriteLine();
        progress.WriteLine(markdown);
        return markdown;
    }

    /// <summary>GET /api/v1/towns/{town} against the one partition query it needs (the repository's), alternating in slices.</summary>
    private static async Task<ReadRun> MeasureReadsAsync(
        HttpClient http, TableClient towns, StorageCalls calls, IReadOnlyList<string> readers, int inTables, HarnessOptions options, CancellationToken cancellationToken)
    {
        var run = new ReadRun(inTables);
        var slice = options.SecondsPerLevel / Slices;
        for (var i = 0; i < Slices; i++)
        {
            var before = calls.Snapshot();
            run.Api.Add(await LoadAsync(options.ReadConcurrency, slice, readers.Count, (t, _, token) => http.GetByteArrayAsync(new Uri($"api/v1/towns/{readers[t]}", UriKind.Relative), token), cancellationToken)
                .ConfigureAwait(false));
            run.ApiCalls = Sum(run.ApiCalls, calls.Snapshot() - before);
            run.Raw.Add(await LoadAsync(options.ReadConcurrency, slice, readers.Count, (t, _, token) => RawTownReadAsync(towns, readers[t], token), cancellationToken)
                .ConfigureAwait(false));
        }

        return run;
    }

    /// <summary>
    /// The publish of <see cref="PublishAsync"/> with a level no town can have: authenticated, authorized, read and validated,
    /// then answered 400 before any storage request. What the API costs per request beside its one transaction.
    /// </summary>
    private static async Task RejectedPublishAsync(HttpClient http, Publisher publisher, DemoBodies demo, long n, CancellationToken cancellationToken)
    {
        var body = demo.Status($"Lage {n}", DateTimeOffset.UtcNow);
        body["level"] = "no-such-level";
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"api/v1/towns/{publisher.Slug}/status", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", publisher.Key);
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            throw new HttpRequestException($"A publish with an unknown level answered {(int)response.StatusCode}, not 400.", null, response.StatusCode);
        }
    }

    /// <summary>The town's document rows, the query <c>TownRepository.GetAsync</c> sends.</summary>
    private static async Task RawTownReadAsync(TableClient towns, string town, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {town} and RowKey ge {DocumentFrom} and RowKey lt {DocumentTo}");
        var rows = 0;
        await foreach (var row in towns.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows++;
        }

        if (rows == 0)
        {
            throw new InvalidOperationException($"Town '{town}' has no rows.");
        }
    }

    /// <summary>
    /// What an atomic audited status publish needs of storage, sent straight: one entity-group transaction that replaces
    /// the town's head row (it carries the status) on the ETag of its last write, optionally upserts one more changed row
    /// (<paramref name="changed"/>, a service row: the issue's 3-row form) and inserts the audit row.
    /// </summary>
    private static async Task RawAuditedAsync(
        TableClient table, TableEntity head, TableEntity? changed, string town, ETag[] etags, int index, long n, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var row = CopyRow(head, town);
        row["Headline__de"] = $"Lage {n}";
        var actions = new List<TableTransactionAction>(3) { new(TableTransactionActionType.UpdateReplace, row, etags[index]) };
        if (changed is not null)
        {
            actions.Add(new(TableTransactionActionType.UpsertReplace, CopyRow(changed, town)));
        }

        actions.Add(new(TableTransactionActionType.Add, AuditRow(town, now, n)));
        var responses = await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        etags[index] = responses.Value[0].Headers.ETag ?? throw new InvalidOperationException("Azurite answered a transaction without the head row's ETag.");
    }

    /// <summary>
    /// An audit row as <c>TownRows.AuditEntity</c> writes it: newest first by inverted ticks, the actor, the operation and
    /// the version the write commits.
    /// </summary>
    private static TableEntity AuditRow(string town, DateTimeOffset at, long version) =>
        new(town, "a|" + (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|" + Guid.NewGuid().ToString("N"))
        {
            ["KeyId"] = "harness-raw",
            ["KeyLabel"] = "harness",
            ["KeyScope"] = "town",
            ["Operation"] = "status.put",
            ["Resource"] = $"towns/{town}/status",
            ["At"] = at,
            ["Version"] = version,
        };

    private static async Task<TableEntity> FirstServiceRowAsync(TableClient towns, string town, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {town} and RowKey ge {ServicePrefix} and RowKey lt {ServicePrefix + "~"}");
        await foreach (var row in towns.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return row;
        }

        throw new InvalidOperationException($"Town '{town}' has no service rows.");
    }

    /// <summary>A stored row as a new entity of <paramref name="partition"/>: same properties and sizes, no ETag or timestamp.</summary>
    private static TableEntity CopyRow(TableEntity row, string partition)
    {
        var copy = new TableEntity(row) { PartitionKey = partition, ETag = default };
        copy.Remove("odata.etag");
        copy.Remove("Timestamp");
        return copy;
    }

    private static StorageCallCount Sum(StorageCallCount? first, StorageCallCount second) =>
        first is null ? second : new(first.TableReads + second.TableReads, first.TableWrites + second.TableWrites, first.BlobReads + second.BlobReads, first.BlobWrites + second.BlobWrites);

    /// <summary>The 1, 5 and 15 minute load averages (<c>/proc/loadavg</c>), or "?" where there is none.</summary>
    private static string LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{fields[0]} / {fields[1]} / {fields[2]}";
        }
        catch (IOException)
        {
            return "?";
        }
        catch (UnauthorizedAccessException)
        {
            return "?";
        }
    }
}

/// <summary>One publishing level: each measurement's slices in order, and the server's storage requests during the API slices.</summary>
internal sealed class PublishLevel(int concurrency)
{
    public int Concurrency { get; } = concurrency;

    public List<LoadResult> Api { get; } = [];

    public List<LoadResult> Transaction { get; } = [];

    public List<LoadResult> ThreeRows { get; } = [];

    public List<LoadResult> Upsert { get; } = [];

    /// <summary>The same publish with a level the validator refuses: the API's request path answered 400 before storage.</summary>
    public List<LoadResult> NoStorage { get; } = [];

    public StorageCallCount? NoStorageCalls { get; set; }

    public StorageCallCount? ApiCalls { get; set; }
}

/// <summary>GET of a town at one table size: the API's and the raw query's slices, and the server's storage requests.</summary>
internal sealed class ReadRun(int towns)
{
    public int Towns { get; } = towns;

    public List<LoadResult> Api { get; } = [];

    public List<LoadResult> Raw { get; } = [];

    public StorageCallCount? ApiCalls { get; set; }
}
