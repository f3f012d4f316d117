using System.Globalization;
using System.Text;

namespace StatusHub.LoadHarness;

/// <summary>What one harness run measured, printed as Markdown tables (docs/benchmarks.md shows them).</summary>
internal sealed class Report(HarnessOptions options)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public string AzuriteVersion { get; set; } = "?";

    public List<(int Concurrency, LoadResult Api, LoadResult Raw)> Publish { get; } = [];

    public long PublishPeakWorkingSet { get; set; }

    public long RenderPeakWorkingSet { get; set; }

    public long ProcessPeakWorkingSet { get; set; }

    public double SetupSeconds { get; set; }

    public RenderRun? FullRender { get; set; }

    public RawUploadRun? RawUpload { get; set; }

    public RenderRun? IncrementalTick { get; set; }

    public RenderRun? IdleTick { get; set; }

    public (TimeSpan Acknowledged, TimeSpan Rendered, TimeSpan Served, int Polls) Freshness { get; set; }

    public ScheduledFreshness? ScheduledFreshness { get; set; }

    public double TotalSeconds { get; set; }

    public (int Towns, TimeSpan Elapsed)? Seeded { get; set; }

    public (int Partitions, TimeSpan Elapsed)? RawRegionRead { get; set; }

    public HugoRun? Hugo { get; set; }

    public List<IncidentRun> Incidents { get; } = [];

    private int TickTowns => options.Towns + options.PublishTowns + (Seeded?.Towns ?? 0);

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        Line(md, $"## Load harness: {options.Towns} towns (regions of {options.RegionSize}), {options.SecondsPerLevel} s per publish level, render parallelism {options.RenderParallelism}");
        Line(md);
        Line(md, $"Machine: {Harness.Machine(AzuriteVersion)}. The server, the load generator and the raw baselines share this process; Azurite is one node process.");
        Line(md);
        Line(md, "### Publishing: PUT /api/v1/towns/{town}/status vs raw TableClient.UpsertEntity of the same head row");
        Line(md);
        Line(md, "| concurrency | API writes/s | API p50 ms | API p95 ms | API p99 ms | raw upserts/s | raw p50 ms | raw p99 ms | API / raw | target ≥ 80 % | errors (API/raw) |");
        Line(md, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|---:|");
        foreach (var (concurrency, api, raw) in Publish)
        {
            var ratio = api.PerSecond / raw.PerSecond;
            Line(md, $"| {concurrency} | {api.PerSecond:0.0} | {api.Percentile(0.50):0.0} | {api.Percentile(0.95):0.0} | {api.Percentile(0.99):0.0} | "
                + $"{raw.PerSecond:0.0} | {raw.Percentile(0.50):0.0} | {raw.Percentile(0.99):0.0} | {ratio:P0} | {Met(ratio >= 0.8)} | {api.Errors}/{raw.Errors} |");
        }

        Line(md);
        if (FullRender is { } full && RawUpload is { } upload)
        {
            Line(md, "### Full render (POST /api/v1/render on an empty $web) vs raw BlobClient.Upload of the same files at the same parallelism");
            Line(md);
            Line(md, "| towns rendered | blobs written | render s | blobs/s | raw files | raw s | raw files/s | render / raw | target ≥ 70 % | storage calls (table r/w, blob r/w) |");
            Line(md, "|---:|---:|---:|---:|---:|---:|---:|---:|:---:|---|");
            var renderRate = full.Result.BlobsWritten / full.Elapsed.TotalSeconds;
            var rawRate = upload.Files / upload.Elapsed.TotalSeconds;
            var ratio = renderRate / rawRate;
            Line(md, $"| {full.Result.TownsRendered} | {full.Result.BlobsWritten} | {full.Elapsed.TotalSeconds:0.00} | {renderRate:0.0} | {upload.Files} ({upload.Bytes / 1024.0 / 1024.0:0.0} MiB) | "
                + $"{upload.Elapsed.TotalSeconds:0.00} | {rawRate:0.0} | {ratio:P0} | {Met(ratio >= 0.7)} | {Calls(full)} |");
            Line(md);
        }

        Line(md, "### Render ticks (storage calls counted by the SDK pipeline policy StatusHub.Core.Storage.StorageCalls)");
        Line(md);
        Line(md, "| tick | client ms | server ms | towns rendered | blobs written | table reads | table writes | blob reads | blob writes | target | met |");
        Line(md, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|:---:|");
        if (IncrementalTick is { } incremental)
        {
            Line(md, $"| 1 of {TickTowns} towns changed | {incremental.Elapsed.TotalMilliseconds:0} | {incremental.Result.ElapsedMs} | {incremental.Result.TownsRendered} | "
                + $"{incremental.Result.BlobsWritten} | {incremental.Calls.TableReads} | {incremental.Calls.TableWrites} | {incremental.Calls.BlobReads} | {incremental.Calls.BlobWrites} | ≤ 1 s | {Met(incremental.Elapsed <= TimeSpan.FromSeconds(1))} |");
        }

        if (IdleTick is { } idle)
        {
            var exact = idle.Calls is { TableReads: 1, TableWrites: 0, BlobWrites: 0, BlobReads: 0 };
            Line(md, $"| nothing changed | {idle.Elapsed.TotalMilliseconds:0} | {idle.Result.ElapsedMs} | {idle.Result.TownsRendered} | {idle.Result.BlobsWritten} | "
                + $"{idle.Calls.TableReads} | {idle.Calls.TableWrites} | {idle.Calls.BlobReads} | {idle.Calls.BlobWrites} | exactly 1 table read, 0 blob writes | {Met(exact)} |");
        }

        Line(md);
        if (RawRegionRead is { } rawRead && IncrementalTick is { } tick)
        {
            Line(md, $"Floor of the incremental tick: reading the changed town's region ({rawRead.Partitions} town partitions, the renderer's query, parallelism 8) with the raw SDK took "
                + $"{rawRead.Elapsed.TotalMilliseconds:0} ms; the tick took {tick.Elapsed.TotalMilliseconds / Math.Max(1, rawRead.Elapsed.TotalMilliseconds):0.0}× that.");
            Line(md);
        }

        if (Seeded is { } seeded)
        {
            Line(md, $"The ticks ran with {TickTowns} towns in the tables: {seeded.Towns} of them copied straight into the tables in {seeded.Elapsed.TotalSeconds:0.0} s "
                + "(the head row of a rendered town, a scheduled staleness marker each, their regions in the region directory; the changed town's region is one rendered through the API).");
            Line(md);
        }

        if (Hugo is { } hugo)
        {
            Line(md, "### Hugo comparison: the same towns' German and English pages to files on disk");
            Line(md);
            Line(md, "Both render the documents of the rendered towns, repeated under new slugs up to the tick's town count; reading them from storage and "
                + "writing Hugo's Markdown input are outside both timings. Ours: parallelism as the render; Hugo: its own (all cores).");
            Line(md);
            if (hugo.Skipped is { } reason)
            {
                Line(md, $"Skipped: {reason}.");
            }
            else
            {
                Line(md, "| renderer | towns | files | seconds | files/s | Hugo time / ours | target ≥ 2× |");
                Line(md, "|---|---:|---:|---:|---:|---:|:---:|");
                var ratio = hugo.HugoTime / hugo.OurPagesTime;
                Line(md, $"| ours: HtmlPages.TownPageAsync (de + en) | {hugo.Towns} | {hugo.OurPages} | {hugo.OurPagesTime.TotalSeconds:0.00} | {hugo.OurPages / hugo.OurPagesTime.TotalSeconds:0} | **{ratio:0.00}×** | {Met(ratio >= 2)} |");
                Line(md, $"| ours: every town file (2 pages, status.json, Atom, summary) | {hugo.Towns} | {hugo.OurFiles} | {hugo.OurAllFilesTime.TotalSeconds:0.00} | {hugo.OurFiles / hugo.OurAllFilesTime.TotalSeconds:0} | {hugo.HugoTime / hugo.OurAllFilesTime:0.00}× | |");
                Line(md, $"| Hugo ({hugo.HugoVersion.Split(' ').FirstOrDefault(t => t.StartsWith('v')) ?? "?"}), equivalent Markdown + comparable template | {hugo.Towns} | {hugo.HugoPages} | {hugo.HugoTime.TotalSeconds:0.00} | {hugo.HugoPages / hugo.HugoTime.TotalSeconds:0} | 1.00× | |");
            }

            Line(md);
        }

        ScheduledFreshnessSection(md);
        IncidentSection(md);

        Line(md, "### Freshness and memory");
        Line(md);
        Line(md, "| measure | value | target | met |");
        Line(md, "|---|---:|---|:---:|");
        var (acknowledged, rendered, served, polls) = Freshness;
        Line(md, $"| write acknowledged (PUT …/status) | {acknowledged.TotalMilliseconds:0} ms | | |");
        Line(md, $"| … + POST /api/v1/render returned | {rendered.TotalMilliseconds:0} ms | | |");
        Line(md, $"| … + changed page served at /{{town}}/ | {served.TotalMilliseconds:0} ms ({polls} GET) | | |");
        if (ScheduledFreshness is { Samples.Count: > 0 } scheduled)
        {
            var timer = scheduled.Samples.Select(s => s.Served.TotalMilliseconds).Order().ToArray();
            Line(md, $"| instead with the render timer (`{scheduled.Schedule}`{(scheduled.IsDefault ? ", the default" : ", not the default")}), {timer.Length} writes: min / median / max | "
                + $"{timer[0]:0} / {Median(timer):0} / {timer[^1]:0} ms | ≤ wait for the next tick + the tick | |");
        }

        Line(md, $"| peak working set during publishing | {Mib(PublishPeakWorkingSet)} | ≤ 300 MB | {Met(PublishPeakWorkingSet <= 300_000_000)} |");
        Line(md, $"| peak working set during the full render | {Mib(RenderPeakWorkingSet)} | ≤ 500 MB | {Met(RenderPeakWorkingSet <= 500_000_000)} |");
        Line(md, $"| peak working set of the process (whole run, incl. raw baselines' buffers) | {Mib(ProcessPeakWorkingSet)} | | |");
        Line(md, $"| setup (creating the render towns through the API) | {SetupSeconds:0.0} s | | |");
        Line(md, $"| whole harness run | {TotalSeconds:0.0} s | < 10 min | {Met(TotalSeconds < 600)} |");
        return md.ToString();
    }

    private void ScheduledFreshnessSection(StringBuilder md)
    {
        if (options.FreshnessSamples <= 0 || ScheduledFreshness is not { } scheduled)
        {
            Line(md, "### Freshness with the render timer");
            Line(md);
            Line(md, "Skipped (--freshness-samples 0).");
            Line(md);
            return;
        }

        var which = scheduled.IsDefault ? "the server's default schedule" : "**not the default schedule** (" + RenderOptionsDefault + " is)";
        Line(md, $"### Freshness with the render timer: `{scheduled.Schedule}`, {which}");
        Line(md);
        Line(md, "A second server on the same Azurite with its render scheduler running (the first one's timer never fires). Per write: PUT …/status with a new headline, "
            + "then GET /{town}/status.json every 100 ms until it shows it. Bound = wait from the acknowledgement to the next scheduled tick + that tick's own duration "
            + "(server ms from the render job's \"Render done\" log entry). The town's files are written before its region's, so a ratio a little under 1 is normal; "
            + "above 1 by up to the 100 ms poll interval plus the timer's wake-up.");
        Line(md);
        Line(md, "| write | acknowledged s after a tick | wait to the next tick ms | that tick, server ms | bound ms | acknowledged → served ms | measured / bound | GETs |");
        Line(md, "|---:|---:|---:|---:|---:|---:|---:|---:|");
        var n = 0;
        foreach (var sample in scheduled.Samples)
        {
            n++;
            var tick = sample.Tick is { } t ? $"{t.TotalMilliseconds:0}" : "not logged";
            var bound = sample.Bound is { } b ? $"{b.TotalMilliseconds:0}" : "?";
            var ratio = sample.Bound is { } r ? (sample.Served / r).ToString("0.00", Invariant) : "?";
            Line(md, $"| {n} | {sample.SinceTick.TotalSeconds:0.0} | {sample.WaitToTick.TotalMilliseconds:0} | {tick} | {bound} | {sample.Served.TotalMilliseconds:0} | {ratio} | {sample.Polls} |");
        }

        var served = scheduled.Samples.Select(s => s.Served.TotalMilliseconds).Order().ToArray();
        Line(md);
        Line(md, $"Acknowledged → served, {served.Length} writes: min {served[0]:0} ms, median {Median(served):0} ms, max {served[^1]:0} ms.");
        Line(md);
    }

    private void IncidentSection(StringBuilder md)
    {
        if (Incidents.Count == 0)
        {
            return;
        }

        Line(md, "### Shared incident: the render tick after one POST /api/v1/incidents/{incident}/updates, as a ratio to one town's tick");
        Line(md);
        Line(md, "Per member count: the members copied straight into the tables (head rows, regions of their own), one incident over all of them "
            + "created through the API (admin key) and rendered once; then one town's status changed and a tick (the baseline, measured just before), "
            + "then one incident update and a tick. Table reads include queries; ratios are the incident tick's over the one-town tick's.");
        Line(md);
        Line(md, "| tick | client ms | server ms | towns rendered | blobs written | table reads | table writes | blob reads | blob writes | time ratio | table reads ratio | blob writes ratio | update on the last member's status.json |");
        Line(md, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|");
        foreach (var run in Incidents)
        {
            var one = run.OneTown;
            Line(md, $"| one town changed (before the {run.Members}-member incident) | {one.Elapsed.TotalMilliseconds:0} | {one.Result.ElapsedMs} | {one.Result.TownsRendered} | {one.Result.BlobsWritten} | "
                + $"{one.Calls.TableReads} | {one.Calls.TableWrites} | {one.Calls.BlobReads} | {one.Calls.BlobWrites} | 1 | 1 | 1 | |");
            var name = run.Tick is null
                ? $"incident update, {run.Members} member towns: **did not finish within {options.IncidentSeconds:0} s** (partial)"
                : $"incident update, {run.Members} member towns";
            var c = run.TickCalls;
            Line(md, $"| {name} | {run.TickElapsed.TotalMilliseconds:0} | {run.Tick?.ElapsedMs.ToString(Invariant) ?? "–"} | {run.Tick?.TownsRendered.ToString(Invariant) ?? "–"} | "
                + $"{run.Tick?.BlobsWritten.ToString(Invariant) ?? "–"} | {c.TableReads} | {c.TableWrites} | {c.BlobReads} | {c.BlobWrites} | "
                + $"{Ratio(run.TickElapsed.TotalMilliseconds, one.Elapsed.TotalMilliseconds)} | {Ratio(c.TableReads, one.Calls.TableReads)} | {Ratio(c.BlobWrites, one.Calls.BlobWrites)} | "
                + $"{(run.Tick is null ? "–" : Met(run.UpdateShown))} |");
        }

        Line(md);
        foreach (var run in Incidents)
        {
            Line(md, $"{run.Members} members: copied into the tables in {run.Seeded.TotalSeconds:0.0} s; the incident's PUT and first render took {run.Setup.TotalSeconds:0.0} s.");
        }

        Line(md);
    }

    private static string Ratio(double value, double baseline) => baseline > 0 ? (value / baseline).ToString("0.0", Invariant) + "×" : "–";

    private const string RenderOptionsDefault = "`" + StatusHub.Core.Rendering.RenderOptions.DefaultSchedule + "`";

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    private static string Calls(RenderRun run) =>
        $"{run.Calls.TableReads}/{run.Calls.TableWrites}, {run.Calls.BlobReads}/{run.Calls.BlobWrites}";

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", Invariant) + " MiB";

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
