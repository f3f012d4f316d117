namespace StatusHub.LoadHarness;

/// <summary>Sizes of one harness run.</summary>
/// <param name="Towns">Towns created and rendered in the full render.</param>
/// <param name="SecondsPerLevel">How long publishing (and the raw baseline) runs at each concurrency level.</param>
/// <param name="Concurrency">Concurrency levels for publishing.</param>
/// <param name="PublishTowns">Towns the publish load spreads over (each worker owns its own, so writers never conflict).</param>
/// <param name="RenderParallelism">The server's render parallelism and the raw upload parallelism.</param>
/// <param name="RegionSize">Towns per region in the render.</param>
/// <param name="TickTowns">
/// Towns in the tables for the incremental and idle ticks: beyond <paramref name="Towns"/> they are copied straight into
/// the tables (rows of a rendered town, a scheduled staleness marker each, their regions in the region directory) as if
/// a full render had run, so a national-scale tick is measured without creating them through the API. 0: no extra towns.
/// </param>
/// <param name="Hugo">Also render the same towns' pages with Hugo (skipped with a message when it is not installed).</param>
/// <param name="FreshnessSamples">
/// Writes whose freshness is measured with the server's own render timer (a second server on the same Azurite, its
/// scheduler running): acknowledged write → changed status.json served. 0: skipped. Each sample waits for a tick.
/// </param>
/// <param name="FreshnessSchedule">
/// That server's <c>StatusHub:Render:Schedule</c>; null leaves it at the default (<c>0 */1 * * * *</c>, one tick a minute).
/// </param>
/// <param name="IncidentTowns">
/// Member town counts of a shared incident whose render tick after one update is measured, each against a one-town tick
/// measured just before it (the members copied straight into the tables as for <paramref name="TickTowns"/>). Empty: skipped.
/// </param>
/// <param name="IncidentSeconds">Upper bound of one incident tick; past it the client gives up and the partial counts are reported.</param>
/// <param name="Contract">
/// Issue #16's run instead of the default one (<see cref="Harness.RunContractAsync"/>): publishing against the raw audited
/// transaction and a raw upsert, storage requests per publish, a full render against raw uploads, and GET of a town at
/// each of <paramref name="ReadTowns"/> towns in the tables, each beside its raw baseline measured in the same run.
/// </param>
/// <param name="ReadTowns">Towns in the tables at which GET /api/v1/towns/{town} is measured (contract run; ascending).</param>
/// <param name="ReadConcurrency">Concurrent readers for those GETs (contract run).</param>
public sealed record HarnessOptions(
    int Towns,
    double SecondsPerLevel,
    IReadOnlyList<int> Concurrency,
    int PublishTowns,
    int RenderParallelism,
    int RegionSize,
    int TickTowns = 0,
    bool Hugo = false,
    int FreshnessSamples = 0,
    string? FreshnessSchedule = null,
    IReadOnlyList<int>? IncidentTowns = null,
    double IncidentSeconds = 480,
    bool Contract = false,
    IReadOnlyList<int>? ReadTowns = null,
    int ReadConcurrency = 8)
{
    public static HarnessOptions Default { get; } = new(500, 8, [1, 8, 32], 64, 8, 50, FreshnessSamples: 3);

    /// <summary>Seconds in all: the test command runs this and checks only that the table is printed.</summary>
    public static HarnessOptions Quick { get; } = new(12, 0.5, [1, 4], 8, 4, 6, TickTowns: 30, Hugo: true,
        FreshnessSamples: 2, FreshnessSchedule: "*/2 * * * * *", IncidentTowns: [5], IncidentSeconds: 120);

    /// <summary>Issue #16's run (docs/benchmarks.md, "#16: publish, render and read against raw storage"): about 4 minutes.</summary>
    public static HarnessOptions ContractDefault { get; } = new(200, 12, [1, 8, 32], 64, 8, 50, Contract: true, ReadTowns: [20, 1000]);

    /// <summary>The contract run at tiny sizes (seconds).</summary>
    public static HarnessOptions ContractQuick { get; } = new(12, 1, [1, 4], 8, 4, 6, Contract: true, ReadTowns: [4, 30], ReadConcurrency: 2);
}
