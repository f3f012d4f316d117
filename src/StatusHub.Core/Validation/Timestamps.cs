using System.Globalization;
using System.Text.RegularExpressions;

namespace StatusHub.Core.Validation;

/// <summary>Timestamps of a request: ISO 8601 with offset, and the window a moment that has happened must lie in.</summary>
internal static partial class Timestamps
{
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>
    /// A moment that has happened (asOf, an update's at): within <see cref="Limits.EarliestTimestamp"/> and
    /// <see cref="Limits.MaxClockSkew"/> after <paramref name="now"/>, one message for the one rule broken.
    /// </summary>
    public static DateTimeOffset? Past(ValidationErrors errors, string field, string? value, DateTimeOffset now)
    {
        if (Parse(errors, field, value) is not { } parsed)
        {
            return null;
        }

        if (parsed < Limits.EarliestTimestamp)
        {
            errors.Add(field, $"Must be on or after {Limits.EarliestTimestamp:yyyy-MM-dd} (got {parsed.UtcDateTime:yyyy-MM-dd}).");
            return null;
        }

        var latest = now + Limits.MaxClockSkew;
        if (parsed > latest)
        {
            errors.Add(field, $"Must not be more than {Limits.MaxClockSkew.TotalHours:0} hours in the future (got {Iso(parsed)}, latest {Iso(latest)}).");
            return null;
        }

        return parsed;
    }

    /// <summary>ISO 8601 with offset; the message tells a wrong format apart from a well-formed date that does not exist.</summary>
    public static DateTimeOffset? Parse(ValidationErrors errors, string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (!Pattern().IsMatch(value))
        {
            errors.Add(field, "Must be an ISO 8601 timestamp with offset, e.g. 2023-11-20T08:15:00+01:00.");
            return null;
        }

        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            errors.Add(field, $"'{TextRules.Truncate(value)}' is not a date and time that exists (month 01–12, a day of that month, hour 00–23, offset at most ±14:00).");
            return null;
        }

        return parsed;
    }

    private static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
