using StatusHub.Core.Validation;
using static StatusHub.Core.Tests.TestSupport;

namespace StatusHub.Core.Tests;

public class UpdateValidationTests
{
    [Fact]
    public void Valid_update_keeps_text_and_converts_at_to_utc()
    {
        var (text, at) = Validator.Update(new UpdateRequest(Text(("de", "Bürgerbüro wieder offen."), ("en", "Citizens' office open again.")), "2023-11-20T10:00:00+01:00"), "de", Now);

        Assert.Equal("Bürgerbüro wieder offen.", text["de"]);
        Assert.Equal("Citizens' office open again.", text["en"]);
        Assert.Equal(new DateTimeOffset(2023, 11, 20, 9, 0, 0, TimeSpan.Zero), at);
        Assert.Equal(TimeSpan.Zero, at.Offset);
    }

    [Fact]
    public void At_defaults_to_now()
    {
        var (_, at) = Validator.Update(new UpdateRequest(De("Neu."), null), "de", Now);

        Assert.Equal(Now, at);
        Assert.Equal(TimeSpan.Zero, at.Offset);
    }

    [Theory]
    [InlineData("2023-11-21T10:00:00")]
    [InlineData("21.11.2023")]
    [InlineData("2023-11-21T10:00:00+1")]
    [InlineData("")]
    public void Bad_at_is_rejected(string at) =>
        Assert.Equal(["at"], Rejected(() => Validator.Update(new UpdateRequest(De("Neu."), at), "de", Now)).Keys);

    [Fact]
    public void Text_is_required()
    {
        Assert.Equal(["text"], Rejected(() => Validator.Update(new UpdateRequest(null, null), "de", Now)).Keys);
        Assert.Equal(["text.de"], Rejected(() => Validator.Update(new UpdateRequest(Text(("en", "New.")), null), "de", Now)).Keys);
        Assert.Equal(["text.en"], Rejected(() => Validator.Update(new UpdateRequest(De("Neu."), null), "en", Now)).Keys);
    }

    [Fact]
    public void Text_longer_than_limit_is_rejected()
    {
        Assert.Equal(Limits.MaxUpdateText, Validator.Update(new UpdateRequest(De(new string('u', Limits.MaxUpdateText)), null), "de", Now).Text["de"].Length);
        Assert.Contains("text.de", Rejected(() => Validator.Update(new UpdateRequest(De(new string('u', Limits.MaxUpdateText + 1)), null), "de", Now)).Keys);
    }

    [Fact]
    public void Null_body_is_rejected() => Assert.Contains("$", Rejected(() => Validator.Update(null, "de", Now)).Keys);
}
