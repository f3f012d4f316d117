using System.Text.Json;

namespace StatusHub.FunctionsHost;

/// <summary>A function the worker reported and loaded, with the parts of its trigger binding the host acts on.</summary>
/// <param name="Route">HTTP triggers: the route template without the prefix (the function's name when unset).</param>
/// <param name="Methods">HTTP triggers: upper-case methods; empty means every method.</param>
public sealed record HostedFunction(
    string Name,
    string Id,
    string TriggerType,
    string TriggerName,
    string? Route,
    IReadOnlyList<string> Methods,
    string? AuthLevel,
    string? Schedule)
{
    public bool IsHttp => TriggerType.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase);

    public bool IsTimer => TriggerType.Equals("timerTrigger", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the trigger out of the worker's raw binding JSON (the same shape as functions.metadata).</summary>
    public static HostedFunction FromRawBindings(string name, string id, IEnumerable<string> rawBindings)
    {
        foreach (var raw in rawBindings)
        {
            using var binding = JsonDocument.Parse(raw);
            var root = binding.RootElement;
            var type = Text(root, "type");
            if (type is null || !type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var methods = root.TryGetProperty("methods", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToArray()
                : [];
            var isHttp = type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase);
            return new HostedFunction(
                name,
                id,
                type,
                Text(root, "name") ?? throw new InvalidOperationException($"Function {name}: its trigger binding has no name."),
                isHttp ? Text(root, "route") is { Length: > 0 } route ? route : name : null,
                methods,
                Text(root, "authLevel"),
                Text(root, "schedule"));
        }

        throw new InvalidOperationException($"Function {name} has no trigger binding.");
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
