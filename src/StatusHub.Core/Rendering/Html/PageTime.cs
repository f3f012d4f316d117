using System.Globalization;

namespace StatusHub.Core.Rendering.Html;

/// <summary>Dates and times as citizens read them: local time in Germany, written as the CLDR data (through ICU) says for the page's language.</summary>
internal static class PageTime
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CultureInfo> Cultures = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Europe/Berlin; found by IANA id, by Windows id, or built from the EU summer-time rule when the host has no time zone data.</summary>
    public static TimeZoneInfo Berlin { get; } = FindBerlin();

    /// <summary>The moment in Berlin local time.</summary>
    public static DateTimeOffset ToBerlin(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Berlin);

    /// <summary>The machine-readable value of a <c>&lt;time datetime&gt;</c>: ISO 8601 in Berlin local time with its offset.</summary>
    public static string Iso(DateTimeOffset value) =>
        ToBerlin(value).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>"Donnerstag, 3. Dezember 2026, 09:05 Uhr", "четвер, 3 грудня 2026 р., 09:05" or "الخميس، 3 ديسمبر 2026، 9:05 ص".</summary>
    public static string DateAndTime(DateTimeOffset value, string language)
    {
        var local = ToBerlin(value);
        var culture = CultureFor(language);
        return string.Format(culture, Labels.For(language).DateTimePattern, local.ToString("D", culture), local.ToString("t", culture));
    }

    /// <summary>"Donnerstag, 3. Dezember 2026" or "Thursday, 3 December 2026".</summary>
    public static string DateOnly(DateTimeOffset value, string language) => ToBerlin(value).ToString("D", CultureFor(language));

    /// <summary>"3. Dezember 2026" or "3 December 2026", as on the badge.</summary>
    public static string Day(DateTimeOffset value, string language) =>
        ToBerlin(value).ToString(Labels.For(language).DayFormat, CultureFor(language));

    /// <summary>
    /// The culture whose CLDR data writes a page's dates: the tag's own when it is a more specific form of the labels'
    /// language ("uk-UA", "de-AT"), else the labels' <see cref="Labels.Culture"/> ("en-GB" for "en", and for every tag
    /// that falls back to English chrome, since its dates stand among English labels). Always the Gregorian calendar:
    /// a town in Germany dates its notices so, also for a reader of "ar-SA", whose CLDR default is Umm al-Qura.
    /// </summary>
    /// <remarks>
    /// Arabic: "ar" with CLDR's month names (ديسمبر) and Western digits (0–9). .NET formats dates with ASCII digits
    /// whatever the culture's native digits, and Western digits are what the town's phone numbers, opening hours
    /// and letters use, which the page quotes beside them.
    /// </remarks>
    public static CultureInfo CultureFor(string language) => Cultures.GetOrAdd(language, static tag =>
    {
        var labels = Labels.For(tag);
        var own = string.Equals(tag, labels.Language, StringComparison.OrdinalIgnoreCase) ? null : Languages.CultureOf(tag);
        var culture = own is not null && own.Name.Contains('-', StringComparison.Ordinal)
            && string.Equals(own.TwoLetterISOLanguageName, Languages.PrimarySubtag(labels.Language), StringComparison.OrdinalIgnoreCase)
            ? own
            : CultureInfo.GetCultureInfo(labels.Culture, predefinedOnly: true);
        if (culture.Calendar is GregorianCalendar)
        {
            return culture;
        }

        var gregorian = (CultureInfo)culture.Clone();
        gregorian.DateTimeFormat.Calendar = culture.OptionalCalendars.OfType<GregorianCalendar>().FirstOrDefault() ?? new GregorianCalendar();
        return CultureInfo.ReadOnly(gregorian);
    });

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
