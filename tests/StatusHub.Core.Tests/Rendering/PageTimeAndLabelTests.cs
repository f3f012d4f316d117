using StatusHub.Core.Domain;
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
    [InlineData("de-x-ls", "de")]
    [InlineData("en", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("uk", "en")]
    [InlineData("tr", "en")]
    [InlineData("ar", "en")]
    public void Languages_without_labels_get_english_ui_text(string language, string labelsLanguage)
    {
        Assert.Equal(labelsLanguage, Labels.For(language).Language);
    }

    [Fact]
    public void Every_label_set_is_complete()
    {
        Assert.All(Labels.ByLanguage.Values, labels =>
        {
            Assert.All(typeof(Labels).GetProperties().Where(p => p.PropertyType == typeof(string)), property => Assert.False(string.IsNullOrWhiteSpace((string?)property.GetValue(labels)), property.Name));
            Assert.Equal(Enum.GetValues<TownLevel>().Order(), labels.Levels.Keys.Order());
            Assert.Equal(Enum.GetValues<ServiceState>().Order(), labels.States.Keys.Order());
            Assert.Equal(12, labels.Months.Count);
            Assert.Equal(7, labels.Weekdays.Count);
            Assert.Contains("{0}", labels.AidGoTo, StringComparison.Ordinal);
        });
    }

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
