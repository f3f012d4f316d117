using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StatusHub.Functions.Tests.Parity;

namespace StatusHub.Functions.Tests;

/// <summary>
/// Compiles src/StatusHub.Functions with Roslyn against the real StatusHub.Api and StatusHub.Core assemblies and a
/// declaration of the worker types it uses (WorkerApi/WorkerApiDeclarations.cs), with the project's settings: nullable
/// on, warnings are errors. The worker's source generators and analyzers do not run here; the real build does that.
/// </summary>
public sealed class FunctionsCompileTests
{
    // The global usings of Microsoft.NET.Sdk with ImplicitUsings=enable (Directory.Build.props).
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    // Unification notes between the runtime's assemblies, silenced by the .NET SDK in every project too.
    private static readonly HashSet<string> SdkSilenced = ["CS1701", "CS1702"];

    [Fact]
    public void The_Functions_sources_compile_against_the_real_handlers_and_the_worker_API()
    {
        var parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        var trees = FunctionsSource.ParseAll(Checkout.FunctionsSources()).Select(t => t.WithRootAndOptions(t.GetRoot(), parse))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, parse, "GlobalUsings.g.cs"))
            .Append(CSharpSyntaxTree.ParseText(File.ReadAllText(WorkerDeclarations), parse, WorkerDeclarations));
        var compilation = CSharpCompilation.Create(
            "StatusHub.Functions",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        var problems = compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && !SdkSilenced.Contains(d.Id))
            .Select(d => d.ToString())
            .ToList();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static string WorkerDeclarations => Path.Combine(Checkout.Root, "tests", "StatusHub.Functions.Tests", "WorkerApi", "WorkerApiDeclarations.cs");

    /// <summary>The .NET and ASP.NET Core assemblies this test runs on, and the app's own libraries; no test or server code.</summary>
    private static IEnumerable<MetadataReference> References()
    {
        string[] excluded = ["StatusHub.Server", "StatusHub.Functions.Tests", "testhost", "xunit", "Microsoft.TestPlatform", "Microsoft.VisualStudio",
            "Microsoft.CodeAnalysis", "Microsoft.AspNetCore.Mvc.Testing", "Microsoft.AspNetCore.TestHost"];
        var assemblies = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return assemblies
            .Where(path => !excluded.Any(prefix => Path.GetFileName(path).StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .Select(path => MetadataReference.CreateFromFile(path));
    }
}
