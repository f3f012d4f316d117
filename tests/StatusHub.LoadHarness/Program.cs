using System.CommandLine;

namespace StatusHub.LoadHarness;

/// <summary>
/// The load harness (docs/benchmarks.md): starts Azurite and the real server on Kestrel, measures publishing, a full
/// and an incremental render, freshness and memory against raw Azure SDK baselines on the same Azurite, and prints Markdown.
/// </summary>
public static class HarnessProgram
{
    public static async Task<int> Main(string[] args)
    {
        var quick = new Option<bool>("--quick") { Description = "Tiny sizes (seconds): what the test command runs." };
        var towns = new Option<int?>("--towns") { Description = "Towns for the full render (default 500; 10000 is the national case)." };
        var seconds = new Option<double?>("--seconds") { Description = "Seconds per publish measurement and per concurrency level (default 8)." };
        var concurrency = new Option<int[]>("--concurrency") { Description = "Concurrency levels for publishing (default 1 8 32).", AllowMultipleArgumentsPerToken = true };
        var parallelism = new Option<int?>("--render-parallelism") { Description = "The server's StatusHub:Render:MaxParallelism and the raw upload parallelism (default 8)." };
        var regionSize = new Option<int?>("--region-size") { Description = "Towns per region for the render (default 50)." };
        var tickTowns = new Option<int?>("--tick-towns") { Description = "Towns in the tables for the incremental and idle ticks (extra ones copied straight into the tables; 10000 is the national case)." };
        var hugo = new Option<bool>("--hugo") { Description = "Also render the same towns' pages with Hugo (apt-get install -y hugo)." };
        var freshnessSamples = new Option<int?>("--freshness-samples") { Description = "Writes measured with the server's own render timer, one tick each (default 3; 0 skips; about a minute each on the default schedule)." };
        var freshnessSchedule = new Option<string?>("--freshness-schedule") { Description = "Render schedule of that server (NCRONTAB with seconds; default: the server's default, 0 */1 * * * *)." };
        var incidentTowns = new Option<int[]>("--incident-towns") { Description = "Member towns of a shared incident: the tick after one update, per count (e.g. 70 700; default none).", AllowMultipleArgumentsPerToken = true };
        var incidentSeconds = new Option<double?>("--incident-seconds") { Description = "Upper bound of one incident tick in seconds (default 480); past it the partial counts are reported." };
        var contract = new Option<bool>("--contract")
        {
            Description = "Issue #16's run instead of the default one: publish vs the raw audited transaction and a raw upsert, storage requests per publish, "
                + "full render vs raw uploads, GET of a town at --read-towns towns (about 4 minutes; with --quick: seconds).",
        };
        var readTowns = new Option<int[]>("--read-towns") { Description = "Contract run: towns in the tables for the GET measurements (default 20 1000).", AllowMultipleArgumentsPerToken = true };
        var readConcurrency = new Option<int?>("--read-concurrency") { Description = "Contract run: concurrent readers for the GET measurements (default 8)." };
        var output = new Option<FileInfo?>("--output") { Description = "Also write the Markdown report to this file." };

        var root = new RootCommand("StatusHub load harness: the real server on Azurite against the raw Azure SDK on the same Azurite.")
        {
            quick, towns, seconds, concurrency, parallelism, regionSize, tickTowns, hugo, freshnessSamples, freshnessSchedule, incidentTowns, incidentSeconds, contract, readTowns, readConcurrency, output,
        };
        root.SetAction(async (parse, cancellationToken) =>
        {
            var options = (parse.GetValue(quick), parse.GetValue(contract)) switch
            {
                (true, true) => HarnessOptions.ContractQuick,
                (false, true) => HarnessOptions.ContractDefault,
                (true, false) => HarnessOptions.Quick,
                (false, false) => HarnessOptions.Default,
            };
            options = options with
            {
                Towns = parse.GetValue(towns) ?? options.Towns,
                SecondsPerLevel = parse.GetValue(seconds) ?? options.SecondsPerLevel,
                Concurrency = parse.GetValue(concurrency) is { Length: > 0 } levels ? levels : options.Concurrency,
                RenderParallelism = parse.GetValue(parallelism) ?? options.RenderParallelism,
                RegionSize = parse.GetValue(regionSize) ?? options.RegionSize,
                TickTowns = parse.GetValue(tickTowns) ?? options.TickTowns,
                Hugo = parse.GetValue(hugo) || options.Hugo,
                FreshnessSamples = parse.GetValue(freshnessSamples) ?? options.FreshnessSamples,
                FreshnessSchedule = parse.GetValue(freshnessSchedule) ?? options.FreshnessSchedule,
                IncidentTowns = parse.GetValue(incidentTowns) is { Length: > 0 } members ? members : options.IncidentTowns,
                IncidentSeconds = parse.GetValue(incidentSeconds) ?? options.IncidentSeconds,
                ReadTowns = parse.GetValue(readTowns) is { Length: > 0 } read ? [.. read.Order()] : options.ReadTowns,
                ReadConcurrency = parse.GetValue(readConcurrency) ?? options.ReadConcurrency,
            };
            var report = options.Contract
                ? await Harness.RunContractAsync(options, Console.Out, cancellationToken).ConfigureAwait(false)
                : await Harness.RunAsync(options, Console.Out, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, report, cancellationToken).ConfigureAwait(false);
            }

            return 0;
        });
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}
