using StatusHub.Server.Hosting;

namespace StatusHub.Functions.Tests;

/// <summary>Paths in the StatusHub checkout the tests run from.</summary>
internal static class Checkout
{
    public static string Root { get; } = RepositoryRoot.Find(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("These tests read the checkout: run them inside the StatusHub repository.");

    public static string FunctionsProject => Path.Combine(Root, "src", "StatusHub.Functions");

    /// <summary>Every C# source of the Functions app (not bin/obj), with its path relative to the checkout.</summary>
    public static IReadOnlyList<SourceFile> FunctionsSources()
    {
        var files = Directory.EnumerateFiles(FunctionsProject, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(Path.GetRelativePath(FunctionsProject, path)))
            .Order(StringComparer.Ordinal)
            .Select(path => new SourceFile(Path.GetRelativePath(Root, path), File.ReadAllText(path)))
            .ToList();
        Assert.True(files.Count > 0, $"No C# sources under {FunctionsProject}.");
        return files;
    }

    private static bool IsBuildOutput(string relativePath)
    {
        var first = relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0];
        return first is "bin" or "obj";
    }
}

/// <summary>One source file: where it is and what it says.</summary>
public sealed record SourceFile(string Path, string Text);
