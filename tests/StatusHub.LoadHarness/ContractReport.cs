using System.Globalization;
using System.Text;
using StatusHub.Core.Storage;

namespace StatusHub.LoadHarness;

/// <summary>What issue #16's run measured (<see cref="Harness.RunContractAsync"/>), as Markdown: every figure beside its raw baseline.</summary>
internal sealed class ContractReport(HarnessOptions options)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public string AzuriteVersion { get; set; } = "?";

    /// <summary>The load average at the start of each phase and at the end.</summary>
    public List<(string Phase, string Load)> Load { get; } = [];

    public List<ReadRun> Reads { get; } = [];

    public List<PublishLevel> Publish { get; } = [];

    public RenderRun? FullRender { get; set; }

    public RawUploadRun? RawUpload { get; set; }

    public int TownsInTables { get; set; }

    public double TotalSeconds { get; set; }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        var slice = options.SecondsPerLevel / 4;
        Line(md, $"## #16: publish, render and read against raw storage ({options.SecondsPerLevel:0.#} s per measurement, in 4 slices of {slice:0.##} s alternating with its baselines)");
        Line(md);
        Line(md, $"Machine: {Harness.Machine(AzuriteVersion)}. The server, the load generator and the raw baselines share this process; Azurite is one node process.");
        Line(md);
        Line(md, "Load average (1 / 5 / 15 min): " + string.Join("; ", Load.Select(l => $"{l.Phase} {l.Load}")) + ".");
        Line(md);
        PublishSection(md);
        GapSection(md);
        CallsSection(md);
        RenderSection(md);
        ReadSection(md);
        Line(md, $"Whole run: {TotalSeconds:0.0} s.");
        return md.ToString();
    }

    private void PublishSection(StringBuilder md)
    {
        Line(md, "### Publish: PUT /api/v1/towns/{town}/status vs the raw audited transaction and a raw upsert");
        Line(md);
        Line(md, $"{options.PublishTowns} towns, each with its own town key; **distinct towns per worker** (worker w of c owns towns w, w + c, w + 2c …), so no two writers "
            + "race on one head row. Raw, with the Azure.Data.Tables SDK from the same process on the same Azurite, each town's head row copied into a table of its own: "
            + "**2-row transaction** = one entity-group transaction that replaces the head row (it carries the status) on the ETag of its last write and inserts the "
            + "audit row (what an atomic audited status publish needs); **3-row** = the same plus an upsert of one more changed row (a service row: the issue's form); "
            + "**upsert** = one `UpsertEntity(Replace)` of the head row. The four alternate in 4 slices per level; \"per slice\" gives the spread of the ratio over "
            + "adjacent slices.");
        Line(md);
        Line(md, "| concurrency | API writes/s | API p50 / p99 ms | 2-row txn/s | txn p50 / p99 ms | **API / 2-row txn** | per slice | target ≥ 0.80 | 3-row txn/s | API / 3-row | upserts/s | **API / upsert** | errors (API / 2-row / 3-row / upsert) |");
        Line(md, "|---:|---:|---:|---:|---:|---:|---:|:---:|---:|---:|---:|---:|---:|");
        foreach (var level in Publish)
        {
            var api = Merge(level.Api);
            var txn = Merge(level.Transaction);
            var three = Merge(level.ThreeRows);
            var upsert = Merge(level.Upsert);
            var ratio = api.PerSecond / txn.PerSecond;
            Line(md, $"| {level.Concurrency} | {api.PerSecond:0} | {api.Percentile(0.5):0.0} / {api.Percentile(0.99):0.0} | {txn.PerSecond:0} | {txn.Percentile(0.5):0.0} / {txn.Percentile(0.99):0.0} | "
                + $"**{ratio:0.00}** | {SliceRatios(level.Api, level.Transaction)} | {Met(ratio >= 0.8)} | {three.PerSecond:0} | {api.PerSecond / three.PerSecond:0.00} | "
                + $"{upsert.PerSecond:0} | **{api.PerSecond / upsert.PerSecond:0.00}** | {api.Errors} / {txn.Errors} / {three.Errors} / {upsert.Errors} |");
        }

        Line(md);
    }

    /// <summary>Where a publish's time goes beside its transaction: the same request answered 400 before storage.</summary>
    private void GapSection(StringBuilder md)
    {
        Line(md, "### Where the gap goes: the API's own path (the same publish answered 400 before storage) beside the transaction");
        Line(md);
        Line(md, "The same `PUT …/status` with a level no town can have, in the same slices: authenticated (the cached key), authorized, read, parsed and "
            + "validated over loopback HTTP, then answered 400 problem+json without a storage request. Its latency is the API's own cost per request; "
            + "a publish costs about that plus one transaction.");
        Line(md);
        Line(md, "| concurrency | publish p50 ms | answered before storage: p50 ms, per s | storage requests | raw 2-row txn p50 ms | publish p50 − txn p50 ms |");
        Line(md, "|---:|---:|---:|---:|---:|---:|");
        foreach (var level in Publish)
        {
            var api = Merge(level.Api);
            var rejected = Merge(level.NoStorage);
            var txn = Merge(level.Transaction);
            var c = level.NoStorageCalls ?? new StorageCallCount(0, 0, 0, 0);
            Line(md, $"| {level.Concurrency} | {api.Percentile(0.5):0.00} | {rejected.Percentile(0.5):0.00}, {rejected.PerSecond:0} (errors {rejected.Errors}) | "
                + $"{c.TableReads + c.TableWrites + c.BlobReads + c.BlobWrites} | {txn.Percentile(0.5):0.00} | {api.Percentile(0.5) - txn.Percentile(0.5):0.00} |");
        }

        Line(md);
    }

    private void CallsSection(StringBuilder md)
    {
        Line(md, "### Storage requests per publish (the server's `StorageCalls`, during the API slices above)");
        Line(md);
        Line(md, "Steady state: every town was published once before (its head row is in the server's head cache). Every request the server's storage clients "
            + "sent while only the publishers were running, over the publishes answered (2xx or not). Key lookups are cached for 15 s, so a key is read again "
            + "now and then: a few hundredths of a table read per publish.");
        Line(md);
        Line(md, "| concurrency | publishes | table reads | table writes | blob reads / writes | table reads / publish | table writes / publish | **storage requests / publish** | target 1.0 | met |");
        Line(md, "|---:|---:|---:|---:|---:|---:|---:|---:|:---:|:---:|");
        foreach (var level in Publish)
        {
            var api = Merge(level.Api);
            var c = level.ApiCalls ?? new StorageCallCount(0, 0, 0, 0);
            var publishes = Math.Max(1, api.Count + api.Errors);
            var perPublish = (c.TableReads + c.TableWrites + c.BlobReads + c.BlobWrites) / (double)publishes;
            Line(md, $"| {level.Concurrency} | {api.Count + api.Errors} | {c.TableReads} | {c.TableWrites} | {c.BlobReads} / {c.BlobWrites} | {c.TableReads / (double)publishes:0.00} | "
                + $"{c.TableWrites / (double)publishes:0.00} | **{perPublish:0.00}** | ≤ 1.0 (+ cached key re-reads) | {Met(perPublish <= 1.05)} |");
        }

        Line(md);
    }

    private void RenderSection(StringBuilder md)
    {
        if (FullRender is not { } full || RawUpload is not { } upload)
        {
            return;
        }

        Line(md, "### Full render (POST /api/v1/render on an empty $web) vs raw BlobClient.Upload of the same files at the same parallelism");
        Line(md);
        Line(md, $"Every town created through the API is rendered ({options.Towns} render towns in regions of {options.RegionSize}, the read towns and the publishing towns); "
            + $"{TownsInTables} towns are in the tables (the copied ones are not due, but this first non-idle tick lists every head row once to build the region directory). "
            + $"Raw: every blob in $web afterwards (pages, feeds, index) uploaded again with its headers and metadata into another container, parallelism {options.RenderParallelism}.");
        Line(md);
        Line(md, "| towns rendered | blobs written | render s | blobs/s | raw files | raw s | raw files/s | **render / raw** | target ≥ 0.70 | storage calls (table r/w, blob r/w) |");
        Line(md, "|---:|---:|---:|---:|---:|---:|---:|---:|:---:|---|");
        var renderRate = full.Result.BlobsWritten / full.Elapsed.TotalSeconds;
        var rawRate = upload.Files / upload.Elapsed.TotalSeconds;
        var ratio = renderRate / rawRate;
        Line(md, $"| {full.Result.TownsRendered} | {full.Result.BlobsWritten} | {full.Elapsed.TotalSeconds:0.00} | {renderRate:0} | {upload.Files} ({upload.Bytes / 1024.0 / 1024.0:0.0} MiB) | "
            + $"{upload.Elapsed.TotalSeconds:0.00} | {rawRate:0} | **{ratio:0.00}** | {Met(ratio >= 0.7)} | "
            + $"{full.Calls.TableReads}/{full.Calls.TableWrites}, {full.Calls.BlobReads}/{full.Calls.BlobWrites} |");
        Line(md);
    }

    private void ReadSection(StringBuilder md)
    {
        if (Reads.Count == 0)
        {
            return;
        }

        var first = Reads[0];
        Line(md, $"### GET /api/v1/towns/{{town}} at {string.Join(" and ", Reads.Select(r => r.Towns.ToString("N0", Invariant)))} towns in the tables");
        Line(md);
        Line(md, $"Anonymous GETs of the {first.Towns} complete towns created through the API (profile, status, services, Q&A), {options.ReadConcurrency} concurrent readers, "
            + "against the raw partition query the repository sends for it (the town's document rows); the towns beyond those are head rows copied straight into the tables "
            + "(regions of their own, in the region directory) and measured before any publishing, after an unmeasured warm-up slice of each. Spread = slowest and fastest slice; "
            + "the load of the machine moves API and raw alike, so \"the same within noise\" compares the API / raw ratios of the slices.");
        Line(md);
        Line(md, "| towns in the tables | API GETs/s | spread (slices) /s | p50 / p95 / p99 ms | raw queries/s | spread /s | raw p50 / p99 ms | API / raw | table reads / GET | errors (API / raw) |");
        Line(md, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in Reads)
        {
            var api = Merge(run.Api);
            var raw = Merge(run.Raw);
            var reads = (run.ApiCalls?.TableReads ?? 0) / (double)Math.Max(1, api.Count + api.Errors);
            Line(md, $"| {run.Towns:N0} | {api.PerSecond:0} | {Spread(run.Api)} | {api.Percentile(0.5):0.0} / {api.Percentile(0.95):0.0} / {api.Percentile(0.99):0.0} | "
                + $"{raw.PerSecond:0} | {Spread(run.Raw)} | {raw.Percentile(0.5):0.0} / {raw.Percentile(0.99):0.0} | {api.PerSecond / raw.PerSecond:0.00} | {reads:0.00} | {api.Errors} / {raw.Errors} |");
        }

        Line(md);
        foreach (var run in Reads.Skip(1))
        {
            var apiRatio = Merge(run.Api).PerSecond / Merge(first.Api).PerSecond;
            var rawRatio = Merge(run.Raw).PerSecond / Merge(first.Raw).PerSecond;
            var overlap = Overlaps(SliceRatioValues(run.Api, run.Raw), SliceRatioValues(first.Api, first.Raw));
            Line(md, $"At {run.Towns:N0} towns against {first.Towns:N0}: API throughput ×{apiRatio:0.00}, raw query ×{rawRatio:0.00} (the machine's load moves both); "
                + $"API / raw per slice {SliceRatios(run.Api, run.Raw)} against {SliceRatios(first.Api, first.Raw)}: the ranges "
                + $"{(overlap ? "overlap: **the same within noise**" : "do not overlap: **not the same within noise**")} (target: the same within noise).");
        }

        Line(md);
    }

    private static LoadResult Merge(IEnumerable<LoadResult> slices) =>
        slices.Aggregate((LoadResult?)null, LoadResult.Merge) ?? new LoadResult(0, 0, TimeSpan.FromTicks(1), []);

    private static string Spread(IReadOnlyList<LoadResult> slices) =>
        slices.Count == 0 ? "–" : $"{slices.Min(s => s.PerSecond):0}–{slices.Max(s => s.PerSecond):0}";

    private static bool Overlaps(IReadOnlyList<double> a, IReadOnlyList<double> b) =>
        a.Count > 0 && b.Count > 0 && a.Min() <= b.Max() && b.Min() <= a.Max();

    private static List<double> SliceRatioValues(IReadOnlyList<LoadResult> api, IReadOnlyList<LoadResult> raw) =>
        [.. api.Zip(raw, (a, r) => a.PerSecond / r.PerSecond)];

    /// <summary>The API/baseline ratio of each slice with the baseline slice that followed it: lowest–highest.</summary>
    private static string SliceRatios(IReadOnlyList<LoadResult> api, IReadOnlyList<LoadResult> raw)
    {
        var ratios = SliceRatioValues(api, raw);
        return ratios.Count == 0 ? "–" : $"{ratios.Min():0.00}–{ratios.Max():0.00}";
    }

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
