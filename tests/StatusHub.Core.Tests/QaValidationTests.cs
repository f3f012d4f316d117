using StatusHub.Core.Validation;
using static StatusHub.Core.Tests.TestSupport;

namespace StatusHub.Core.Tests;

public class QaValidationTests
{
    private static QaItemRequest Item(string? id, string question = "Frage?", string answer = "Antwort.") =>
        new(id, De(question), De(answer));

    [Fact]
    public void Order_is_preserved()
    {
        var items = Validator.Qa(new QaRequest([Item("zahlung"), Item("email"), Item("ausweis")]), "de");

        Assert.Equal(["zahlung", "email", "ausweis"], items.Select(i => i.Id));
        Assert.Equal("Frage?", items[0].Question["de"]);
        Assert.Equal("Antwort.", items[0].Answer["de"]);
    }

    [Fact]
    public void Empty_list_is_accepted() => Assert.Empty(Validator.Qa(new QaRequest([]), "de"));

    [Fact]
    public void Missing_list_is_rejected()
    {
        Assert.Equal(["items"], Rejected(() => Validator.Qa(null, "de")).Keys);
        Assert.Equal(["items"], Rejected(() => Validator.Qa(new QaRequest(null), "de")).Keys);
    }

    [Fact]
    public void Duplicate_ids_are_rejected_at_the_second_item() =>
        Assert.Equal(["items[2].id"], Rejected(() => Validator.Qa(new QaRequest([Item("email"), Item("telefon"), Item("email")]), "de")).Keys);

    [Theory]
    [InlineData(null)]
    [InlineData("E-Mail")]
    [InlineData("x")]
    public void Invalid_id_is_rejected(string? id) =>
        Assert.Equal(["items[0].id"], Rejected(() => Validator.Qa(new QaRequest([Item(id)]), "de")).Keys);

    [Theory]
    [InlineData("de", "en")]
    [InlineData("en", "de")]
    public void Answer_in_default_language_is_required(string defaultLanguage, string otherLanguage)
    {
        var item = new QaItemRequest("email", Text((defaultLanguage, "Frage?")), Text((otherLanguage, "Antwort.")));

        Assert.Equal([$"items[0].answer.{defaultLanguage}"], Rejected(() => Validator.Qa(new QaRequest([item]), defaultLanguage)).Keys);
    }

    [Fact]
    public void Missing_answer_and_question_are_rejected()
    {
        var errors = Rejected(() => Validator.Qa(new QaRequest([Item("email"), new QaItemRequest("telefon", null, null)]), "de"));

        Assert.Equal(["items[1].answer", "items[1].question"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Null_item_is_rejected() =>
        Assert.Equal(["items[1]"], Rejected(() => Validator.Qa(new QaRequest([Item("email"), null]), "de")).Keys);

    [Fact]
    public void Answer_length_limit()
    {
        Assert.Equal(Limits.MaxAnswer, Validator.Qa(new QaRequest([Item("email", answer: new string('a', Limits.MaxAnswer))]), "de")[0].Answer["de"].Length);
        Assert.Contains("items[0].answer.de", Rejected(() => Validator.Qa(new QaRequest([Item("email", answer: new string('a', Limits.MaxAnswer + 1))]), "de")).Keys);
    }

    [Fact]
    public void More_than_max_items_is_rejected()
    {
        static QaRequest Of(int count) => new(Enumerable.Range(0, count).Select(i => (QaItemRequest?)Item($"frage-{i}")).ToList());

        Assert.Equal(Limits.MaxQaItems, Validator.Qa(Of(Limits.MaxQaItems), "de").Count);
        Assert.Equal(["items"], Rejected(() => Validator.Qa(Of(Limits.MaxQaItems + 1), "de")).Keys);
    }
}
