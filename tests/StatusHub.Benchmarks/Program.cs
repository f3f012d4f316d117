using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Short in-process runs so the whole suite finishes in minutes on 2 shared cores (docs/benchmarks.md):
// dotnet run -c Release --project tests/StatusHub.Benchmarks -- --filter '*'
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithWarmupCount(2)
        .WithIterationCount(5)
        .WithId("ShortInProcess"))
    .AddDiagnoser(MemoryDiagnoser.Default);

BenchmarkSwitcher.FromAssembly(typeof(StatusHub.Benchmarks.BenchData).Assembly).Run(args, config);
