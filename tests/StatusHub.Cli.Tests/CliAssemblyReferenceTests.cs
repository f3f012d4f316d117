using System.Reflection;
using System.Runtime.InteropServices;

namespace StatusHub.Cli.Tests;

/// <summary>
/// The client ships only what it needs (docs/cli.md, "Package"): it references StatusHub.Contracts, never StatusHub.Core
/// with its storage SDKs, and StatusHub.Contracts references nothing beyond the .NET base library.
/// </summary>
public sealed class CliAssemblyReferenceTests
{
    private static readonly Assembly Cli = typeof(StatusHubCli).Assembly;

    private static readonly Assembly Contracts = typeof(TownRequest).Assembly;

    [Fact]
    public void The_client_references_Contracts_and_not_Core()
    {
        var references = Cli.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("StatusHub.Contracts", references);
        Assert.DoesNotContain("StatusHub.Core", references);
        Assert.DoesNotContain(references, r => r.StartsWith("Azure.", StringComparison.Ordinal) || r.StartsWith("Microsoft.Identity", StringComparison.Ordinal)
            || r is "Markdig" or "QRCoder" || r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void Contracts_references_only_the_base_library()
    {
        Assert.Equal("StatusHub.Contracts", Contracts.GetName().Name);
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var references = Contracts.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, name =>
        {
            Assert.False(name.StartsWith("Azure", StringComparison.Ordinal), $"{name} is an Azure SDK");
            Assert.False(name.StartsWith("StatusHub", StringComparison.Ordinal), $"{name} is a StatusHub project");
            Assert.True(File.Exists(Path.Combine(runtime, name + ".dll")), $"{name} is not an assembly of the .NET runtime ({runtime})");
        });
    }

    [Fact]
    public void The_client_s_types_come_from_Contracts()
    {
        // The request and answer types the client sends and reads, and the JSON options it writes them with.
        Assert.Same(Contracts, typeof(DocumentJson).Assembly);
        Assert.Same(Contracts, typeof(TownStatus).Assembly);
        Assert.Same(Contracts, typeof(CreatedKeyResponse).Assembly);
        Assert.Same(Contracts, typeof(TownCsv).Assembly);
        Assert.Same(Contracts, typeof(ApiProblem).Assembly);
    }
}
