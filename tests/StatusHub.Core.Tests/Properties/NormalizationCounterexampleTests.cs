using StatusHub.Core.Validation;

namespace StatusHub.Core.Tests.Properties;

/// <summary>
/// Shrunk counterexample found by <see cref="ValidatorProperties"/>: the Validator checks the length before
/// Unicode normalization (NFC), and NFC expands composition exclusions such as U+0958 (DEVANAGARI LETTER QA → U+0915 U+093C),
/// so a text within the limit can be kept longer than the documented limit.
/// </summary>
public class NormalizationCounterexampleTests
{
    [Fact]
    public void Headline_of_101_devanagari_qa_is_kept_within_the_limit_or_rejected()
    {
        var headline = new string('\u0958', 101);
        try
        {
            var status = Validator.Status(new StatusRequest("normal", TestSupport.De(headline), null, null, null), "de", TestSupport.Now);
            Assert.True(status.Headline["de"].Length <= Limits.MaxHeadline, $"kept a headline of {status.Headline["de"].Length} characters; the limit is {Limits.MaxHeadline}");
        }
        catch (ValidationFailedException)
        {
            // Rejecting it is fine too.
        }
    }
}
