namespace StatusHub.Contracts;

/// <summary>The overall operating level of a town's administration.</summary>
public enum TownLevel
{
    Normal,
    Disrupted,
    Emergency,
    Offline,
}

/// <summary>The state of one service or channel of a town.</summary>
public enum ServiceState
{
    Available,
    Limited,
    Unavailable,
    Unknown,
}

/// <summary>Lower-case wire names of the enums, exactly as API.md lists them.</summary>
public static class EnumNames
{
    public static string ToWire(this TownLevel level) => level switch
    {
        TownLevel.Normal => "normal",
        TownLevel.Disrupted => "disrupted",
        TownLevel.Emergency => "emergency",
        TownLevel.Offline => "offline",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    public static string ToWire(this ServiceState state) => state switch
    {
        ServiceState.Available => "available",
        ServiceState.Limited => "limited",
        ServiceState.Unavailable => "unavailable",
        ServiceState.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static bool TryParseLevel(string? value, out TownLevel level) => TryParse(value, ToWire, out level);

    public static bool TryParseState(string? value, out ServiceState state) => TryParse(value, ToWire, out state);

    private static bool TryParse<T>(string? value, Func<T, string> toWire, out T parsed)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(toWire(candidate), value, StringComparison.Ordinal))
            {
                parsed = candidate;
                return true;
            }
        }

        parsed = default;
        return false;
    }
}
