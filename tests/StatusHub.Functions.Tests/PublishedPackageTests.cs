using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using StatusHub.FunctionsHost;
using Xunit.Abstractions;

namespace StatusHub.Functions.Tests;

/// <summary>
/// <c>dotnet publish</c> of the Functions app is the Flex Consumption package as it is: host.json, worker.config.json
/// and functions.metadata at its root (the host reads them there), the worker and its dependencies, no Windows-only
/// runtime folders. Its zipped size is written to the test output (docs/deploy.md quotes it).
/// </summary>
public sealed class PublishedPackageTests(ITestOutputHelper output)
{
    private static readonly string Configuration =
        typeof(PublishedPackageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BuildConfiguration").Value!;

    [Fact]
    public async Task The_publish_output_is_a_Linux_package_with_the_hosts_files_at_its_root()
    {
        var package = await PublishedApp.EnsureAsync(Checkout.Root, Configuration);

        foreach (var file in new[] { "host.json", "worker.config.json", "functions.metadata", "StatusHub.Functions.dll", "StatusHub.Functions.deps.json" })
        {
            Assert.True(File.Exists(Path.Combine(package, file)), $"{file} is not at the root of the package.");
        }

        using (var worker = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(package, "worker.config.json"))))
        {
            var description = worker.RootElement.GetProperty("description");
            Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
            Assert.Equal("StatusHub.Functions.dll", description.GetProperty("defaultWorkerPath").GetString());
        }

        using (var host = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(package, "host.json"))))
        {
            Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
            Assert.Equal("api", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        }

        var runtimes = Path.Combine(package, "runtimes");
        var windowsOnly = Directory.Exists(runtimes)
            ? Directory.EnumerateDirectories(runtimes).Select(Path.GetFileName).Where(rid => rid!.StartsWith("win", StringComparison.Ordinal)).ToList()
            : [];
        Assert.True(windowsOnly.Count == 0, $"Windows-only runtime folders in the package: {string.Join(", ", windowsOnly)}");

        var zip = Path.Combine(Path.GetTempPath(), $"statushub-functions-{Guid.NewGuid():N}.zip");
        try
        {
            ZipFile.CreateFromDirectory(package, zip, CompressionLevel.Optimal, includeBaseDirectory: false);
            var size = new FileInfo(zip).Length;
            output.WriteLine($"Functions package: {Directory.EnumerateFiles(package, "*", SearchOption.AllDirectories).Count()} files, zipped {size / 1024.0 / 1024.0:F1} MiB");
            using var archive = ZipFile.OpenRead(zip);
            Assert.Contains(archive.Entries, e => e.FullName == "host.json");
            Assert.Contains(archive.Entries, e => e.FullName == "functions.metadata");
        }
        finally
        {
            File.Delete(zip);
        }
    }
}
