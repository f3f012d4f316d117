using System.Text.Json;
using System.Text.RegularExpressions;

namespace StatusHub.Functions.Tests;

/// <summary>
/// scripts/test.sh falls back to StatusHub.NoFunctions.slnf where the worker packages are not served: that filter must
/// hold every project of StatusHub.sln except StatusHub.Functions, or a new project would silently go untested there.
/// </summary>
public sealed partial class SolutionFilterTests
{
    private const string FunctionsProject = "src/StatusHub.Functions/StatusHub.Functions.csproj";

    [Fact]
    public void The_no_functions_filter_lists_every_solution_project_except_the_Functions_app()
    {
        var solution = SolutionProjects();
        var filter = FilterProjects();

        Assert.Contains(FunctionsProject, solution);
        var expected = solution.Where(p => p != FunctionsProject).Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(filter.Order(StringComparer.Ordinal)),
            "StatusHub.NoFunctions.slnf must list exactly the projects of StatusHub.sln except StatusHub.Functions." + Environment.NewLine
            + "Missing from the filter: " + string.Join(", ", expected.Except(filter)) + Environment.NewLine
            + "Not in the solution (or the Functions app): " + string.Join(", ", filter.Except(expected)));
    }

    private static List<string> SolutionProjects() =>
        ProjectLine().Matches(File.ReadAllText(Path.Combine(Checkout.Root, "StatusHub.sln")))
            .Select(m => Normalize(m.Groups["path"].Value))
            .Where(path => path.EndsWith(".csproj", StringComparison.Ordinal))
            .ToList();

    private static List<string> FilterProjects()
    {
        using var filter = JsonDocument.Parse(File.ReadAllText(Path.Combine(Checkout.Root, "StatusHub.NoFunctions.slnf")));
        var solution = filter.RootElement.GetProperty("solution");
        Assert.Equal("StatusHub.sln", solution.GetProperty("path").GetString());
        return solution.GetProperty("projects").EnumerateArray().Select(p => Normalize(p.GetString()!)).ToList();
    }

    private static string Normalize(string path) => path.Replace('\\', '/');

    [GeneratedRegex("""^Project\("\{[^}]+\}"\) = "[^"]*", "(?<path>[^"]+)", """, RegexOptions.Multiline)]
    private static partial Regex ProjectLine();
}
