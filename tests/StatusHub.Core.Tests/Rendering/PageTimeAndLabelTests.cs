using StatusHub.Core.Rendering.Html;

namespace StatusHub.Core.Tests.Rendering;

public class PageTimeAndLabelTests
{
    [Theory]
    [InlineData("2023-01-15T12:00:00Z")]
    [InlineData("2023-03-26T00:59:59Z")]
    [InlineData("2023-03-26T01:00:00Z")]
    [InlineData("2023-07-01T12:00:00Z")]
    [InlineData("2023-10-29T00:59:59Z")]
    [InlineData("2023-10-29T01:00:00Z")]
    [InlineData("2030-03-31T01:00:00Z")]
    public void Built_in_rule_agrees_with_the_system_time_zone(string instant)
    {
        var value = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(TimeZoneInfo.ConvertTime(value, PageTime.Berlin), TimeZoneInfo.ConvertTime(value, PageTime.CentralEuropeanTime()));
        Assert.Equal(TimeZoneInfo.ConvertTime(value, PageTime.Berlin).Offset, TimeZoneInfo.ConvertTime(value, PageTime.CentralEuropeanTime()).Offset);
    }

    [Theory]
    [InlineData("de", "de")]
    [InlineData("de-AT", "de")]
    [InlineData("de-x-ls", "de-x-ls")]
    [InlineData("DE-X-LS", "de-x-ls")]
    [InlineData("en", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("uk", "uk")]
    [InlineData("uk-UA", "uk")]
    [InlineData("ru", "ru")]
    [InlineData("tr", "tr")]
    [InlineData("ar", "ar")]
    [InlineData("ar-SY", "ar")]
    [InlineData("fr", "en")]
    [InlineData("fa-IR", "en")]
    [InlineData("xx-x-ls", "en")]
    public void Labels_are_found_by_tag_then_by_language_subtag_else_english(string language, string labelsLanguage)
    {
        Assert.Equal(labelsLanguage, Labels.For(language).Language);
    }

    [Theory]
    [InlineData("de", "Donnerstag, 3. Dezember 2026, 09:05 Uhr")]
    [InlineData("de-x-ls", "Donnerstag, 3. Dezember 2026, 09:05 Uhr")]
    [InlineData("de-AT", "Donnerstag, 3. Dezember 2026, 09:05 Uhr")]
    [InlineData("en", "Thursday, 3 December 2026, 09:05")]
    [InlineData("fr", "Thursday, 3 December 2026, 09:05")] // English chrome, so English dates among it
    [InlineData("uk", "четвер, 3 грудня 2026\u202Fр., 09:05")]
    [InlineData("uk-UA", "четвер, 3 грудня 2026\u202Fр., 09:05")]
    [InlineData("ru", "четверг, 3 декабря 2026\u202Fг., 09:05")]
    [InlineData("tr", "3 Aralık 2026 Perşembe, saat 09:05")]
    [InlineData("ar", "الخميس، 3 ديسمبر 2026، الساعة 9:05 ص")]
    [InlineData("ar-SA", "الخميس، 3 ديسمبر 2026 م، الساعة 9:05 ص")] // Gregorian (م), not CLDR's Umm al-Qura default for Saudi Arabia
    public void Dates_are_written_as_cldr_says_for_the_page_language_with_western_digits(string language, string expected)
    {
        var value = new DateTimeOffset(2026, 12, 3, 8, 5, 0, TimeSpan.Zero); // 09:05 in Berlin

        Assert.Equal(expected, PageTime.DateAndTime(value, language));
    }

    [Theory]
    [InlineData("de", "3. Dezember 2026")]
    [InlineData("uk", "3 грудня 2026\u202Fр.")]
    [InlineData("ar", "3 ديسمبر 2026")]
    public void The_badge_day_has_no_weekday(string language, string expected) =>
        Assert.Equal(expected, PageTime.Day(new DateTimeOffset(2026, 12, 3, 8, 5, 0, TimeSpan.Zero), language));

    [Theory]
    [InlineData("de", "Deutsch", "ltr")]
    [InlineData("en", "English", "ltr")]
    [InlineData("uk", "Українська", "ltr")]
    [InlineData("ar", "العربية", "rtl")]
    [InlineData("fa-IR", "فارسی (ایران)", "rtl")]
    [InlineData("ar-DE", "العربية", "rtl")] // ICU has no ar-DE: its language decides
    [InlineData("he", "עברית", "rtl")]
    [InlineData("ur", "اردو", "rtl")]
    [InlineData("tr", "Türkçe", "ltr")]
    [InlineData("de-x-ls", "Leichte Sprache", "ltr")]
    [InlineData("xx", "xx", "ltr")]
    public void Languages_name_themselves_and_know_their_direction(string language, string name, string direction)
    {
        Assert.Equal((name, direction), (Languages.Endonym(language), Languages.Direction(language)));
    }
}
