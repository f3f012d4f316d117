using StatusHub.LoadHarness;

namespace StatusHub.Api.Tests.Performance;

/// <summary>
/// The load harness (docs/benchmarks.md) runs end to end on a tiny size: Azurite, the real server on Kestrel, the load,
/// the raw baselines and the report. Only that it completes and prints its tables is checked: no timing is asserted.
/// </summary>
public sealed class HarnessSmokeTests
{
    [Fact]
    public async Task Quick_run_completes_and_prints_its_tables()
    {
        using var progress = new StringWriter();

        var report = await Harness.RunAsync(HarnessOptions.Quick, progress);

        Assert.Contains("### Publishing", report, StringComparison.Ordinal);
        Assert.Contains("| concurrency | API writes/s |", report, StringComparison.Ordinal);
        Assert.Contains("### Full render", report, StringComparison.Ordinal);
        Assert.Contains("| nothing changed |", report, StringComparison.Ordinal);
        Assert.Contains("changed page served", report, StringComparison.Ordinal);
        Assert.Contains("### Freshness with the render timer: `*/2 * * * * *`, **not the default schedule**", report, StringComparison.Ordinal);
        Assert.Contains("| acknowledged → served ms |", report, StringComparison.Ordinal);
        Assert.Contains("### Hugo comparison", report, StringComparison.Ordinal);
        Assert.Contains("Floor of the incremental tick", report, StringComparison.Ordinal);
        Assert.Contains($"| 1 of {HarnessOptions.Quick.TickTowns} towns changed |", report, StringComparison.Ordinal);
        Assert.Contains(report.TrimEnd(), progress.ToString(), StringComparison.Ordinal);
        foreach (var level in HarnessOptions.Quick.Concurrency)
        {
            Assert.Contains($"\n| {level} | ", report, StringComparison.Ordinal);
        }
    }
}
