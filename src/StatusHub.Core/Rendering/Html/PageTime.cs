using System.Globalization;

namespace StatusHub.Core.Rendering.Html;

/// <summary>Dates and times as citizens read them: local time in Germany, with month names from the labels (the app runs with invariant globalization).</summary>
internal static class PageTime
{
    /// <summary>Europe/Berlin; found by IANA id, by Windows id, or built from the EU summer-time rule when the host has no time zone data.</summary>
    public static TimeZoneInfo Berlin { get; } = FindBerlin();

    /// <summary>The moment in Berlin local time.</summary>
    public static DateTimeOffset ToBerlin(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Berlin);

    /// <summary>The machine-readable value of a <c>&lt;time datetime&gt;</c>: ISO 8601 in Berlin local time with its offset.</summary>
    public static string Iso(DateTimeOffset value) =>
        ToBerlin(value).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>"Donnerstag, 23. November 2023, 09:00 Uhr" or "Thursday, 23 November 2023, 09:00".</summary>
    public static string DateAndTime(DateTimeOffset value, Labels labels)
    {
        var local = ToBerlin(value);
        return string.Format(CultureInfo.InvariantCulture, labels.DateTimePattern, Date(local, labels), local.ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    /// <summary>"Sonntag, 31. Dezember 2023" or "Sunday, 31 December 2023".</summary>
    public static string DateOnly(DateTimeOffset value, Labels labels) => Date(ToBerlin(value), labels);

    /// <summary>"3. Dezember 2026" or "3 December 2026".</summary>
    public static string Day(DateTimeOffset value, Labels labels)
    {
        var local = ToBerlin(value);
        return string.Format(CultureInfo.InvariantCulture, labels.DayPattern, local.Day, labels.Months[local.Month - 1], local.Year);
    }

    private static string Date(DateTimeOffset local, Labels labels) =>
        string.Format(CultureInfo.InvariantCulture, labels.DatePattern, labels.Weekdays[(int)local.DayOfWeek], local.Day, labels.Months[local.Month - 1], local.Year);

    private static TimeZoneInfo FindBerlin()
    {
        foreach (var id in new[] { "Europe/Berlin", "W. Europe Standard Time" })
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                // Windows knows only its own id under invariant globalization; a slim container has no zone data at all.
            }
        }

        return CentralEuropeanTime();
    }

    /// <summary>CET/CEST since 1996: summer time from the last Sunday of March 02:00 to the last Sunday of October 03:00 local time.</summary>
    internal static TimeZoneInfo CentralEuropeanTime()
    {
        var start = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday);
        var end = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday);
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(new DateTime(1996, 1, 1), DateTime.MaxValue.Date, TimeSpan.FromHours(1), start, end);
        return TimeZoneInfo.CreateCustomTimeZone("Europe/Berlin", TimeSpan.FromHours(1), "Europe/Berlin", "CET", "CEST", [rule]);
    }
}
