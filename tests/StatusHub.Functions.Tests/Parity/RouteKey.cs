namespace StatusHub.Functions.Tests.Parity;

/// <summary>One HTTP method on one URL pattern, as both hosts write it (ASP.NET Core route syntax).</summary>
public sealed record RouteKey(string Method, string Pattern)
{
    /// <summary>A route that answers every method.</summary>
    public const string AnyMethod = "*";

    public override string ToString() => $"{Method} {Pattern}";
}

/// <summary>The outcome of comparing the routes of the two hosts.</summary>
public sealed record RouteParity(IReadOnlyList<RouteKey> MissingInFunctions, IReadOnlyList<RouteKey> MissingInServer)
{
    public bool Matches => MissingInFunctions.Count == 0 && MissingInServer.Count == 0;

    public static RouteParity Compare(IReadOnlySet<RouteKey> functions, IReadOnlySet<RouteKey> server) => new(
        server.Except(functions).Order(Comparer).ToList(),
        functions.Except(server).Order(Comparer).ToList());

    /// <summary>What is missing on which side, one route a line.</summary>
    public string Describe() =>
        Matches
            ? "The Functions app and the server map the same routes."
            : string.Join(Environment.NewLine,
                new[]
                {
                    MissingInFunctions.Count == 0 ? null
                        : "Mapped by the server but with no [Function] in src/StatusHub.Functions:" + Lines(MissingInFunctions),
                    MissingInServer.Count == 0 ? null
                        : "A [Function] in src/StatusHub.Functions but not mapped by the server:" + Lines(MissingInServer),
                }.OfType<string>());

    private static string Lines(IEnumerable<RouteKey> routes) =>
        string.Concat(routes.Select(route => Environment.NewLine + "  " + route));

    private static readonly IComparer<RouteKey> Comparer = Comparer<RouteKey>.Create((a, b) =>
    {
        var byPattern = string.CompareOrdinal(a.Pattern, b.Pattern);
        return byPattern != 0 ? byPattern : string.CompareOrdinal(a.Method, b.Method);
    });
}
