using System.Text.Json;

namespace StatusHub.Functions.Tests.Parity;

/// <summary>One function as the worker SDK's build wrote it into <c>functions.metadata</c> (what the host indexes).</summary>
/// <param name="Name">The function name.</param>
/// <param name="EntryPoint">Type and method, e.g. <c>StatusHub.Functions.StatusFunctions.PutStatus</c>.</param>
/// <param name="TriggerType">The trigger binding's type: <c>httpTrigger</c> or <c>timerTrigger</c>.</param>
/// <param name="AuthLevel">The HTTP trigger's level; null for other triggers.</param>
/// <param name="Methods">Upper-case HTTP methods; empty for other triggers.</param>
/// <param name="Route">The HTTP route template without the host.json prefix; null for other triggers.</param>
/// <param name="Schedule">The timer's schedule as written (e.g. <c>%StatusHub:Render:Schedule%</c>); null otherwise.</param>
public sealed record FunctionMetadata(
    string Name, string EntryPoint, string TriggerType, string? AuthLevel, IReadOnlyList<string> Methods, string? Route, string? Schedule);

/// <summary>
/// Reads <c>functions.metadata</c> from the Functions app's real build output: the SDK's source generator writes it from
/// the compiled <c>[Function]</c> attributes, and the Functions host reads exactly this file, so parity is checked against
/// what Azure will see, not against a reading of the source.
/// </summary>
public static class FunctionsMetadata
{
    /// <summary>The build configuration of this test run (Release in scripts/test.sh), set by the test project.</summary>
    private static string Configuration =>
        typeof(FunctionsMetadata).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BuildConfiguration").Value!;

    public static string PathInBuildOutput =>
        System.IO.Path.Combine(Checkout.FunctionsProject, "bin", Configuration, "net10.0", "functions.metadata");

    public static IReadOnlyList<FunctionMetadata> Read()
    {
        var path = PathInBuildOutput;
        Assert.True(File.Exists(path), $"{path} is missing: build src/StatusHub.Functions (StatusHub.sln) before these tests.");
        return Parse(File.ReadAllText(path));
    }

    public static IReadOnlyList<FunctionMetadata> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var functions = new List<FunctionMetadata>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var trigger = function.GetProperty("bindings").EnumerateArray()
                .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            functions.Add(new FunctionMetadata(
                function.GetProperty("name").GetString()!,
                function.GetProperty("entryPoint").GetString()!,
                trigger.GetProperty("type").GetString()!,
                String(trigger, "authLevel"),
                trigger.TryGetProperty("methods", out var methods)
                    ? methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToList()
                    : [],
                String(trigger, "route"),
                String(trigger, "schedule")));
        }

        return functions;
    }

    /// <summary>The (method, URL pattern) pairs the HTTP functions answer; <c>routePrefix</c> is "api" (host.json).</summary>
    public static IReadOnlySet<RouteKey> Routes(IEnumerable<FunctionMetadata> functions) =>
        functions
            .Where(f => f.TriggerType == "httpTrigger")
            .SelectMany(f => f.Methods.DefaultIfEmpty(RouteKey.AnyMethod).Select(m => new RouteKey(m, "/api/" + (f.Route ?? f.Name))))
            .ToHashSet();

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
