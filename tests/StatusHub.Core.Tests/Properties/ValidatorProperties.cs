using FsCheck;
using FsCheck.Fluent;
using StatusHub.Core.Validation;

namespace StatusHub.Core.Tests.Properties;

/// <summary>
/// For arbitrary request bodies the Validator either returns a value or throws <see cref="ValidationFailedException"/>,
/// and every text it keeps has no control character but tab and line breaks, no lone surrogate, and fits its documented limit.
/// </summary>
public class ValidatorProperties
{
    private const int Cases = 500;

    private static readonly Config Settings = Config.QuickThrowOnFailure.WithMaxTest(Cases);

    private static readonly string?[] Timestamps = [null, "2023-11-20T08:15:00+01:00", "2023-11-20T08:15Z", "2999-12-31T23:59:59.1234567-12:00"];

    private static readonly string?[] Urls = [null, "https://example.org/x", "http://example.org/?q=<script>"];

    /// <summary>Runs <paramref name="validate"/>: true when it returned and <paramref name="clean"/> holds, or when it threw ValidationFailedException.</summary>
    private static Property Holds<T>(Func<T> validate, Func<T, string?> dirtyText, string shown)
    {
        try
        {
            var value = validate();
            var dirty = dirtyText(value);
            return (dirty is null).Label($"kept unclean text {dirty} from {shown}").Classify(true, "accepted");
        }
        catch (ValidationFailedException)
        {
            return true.ToProperty().Classify(true, "rejected");
        }
        catch (Exception e)
        {
            return false.Label($"threw {e.GetType().Name}: {e.Message} for {shown}");
        }
    }

    /// <summary>The first text (shown escaped) of <paramref name="text"/> that breaks the rules, or null.</summary>
    private static string? Dirty(LocalizedText? text, int limit) =>
        text?.Values.Where(value => !HostileStrings.IsClean(value, limit)).Select(value => HostileStrings.Show(value)).FirstOrDefault();

    private static string? Dirty(string? text, int limit) => HostileStrings.IsClean(text, limit) ? null : HostileStrings.Show(text);

    private static string Show(Dictionary<string, string?>? text) =>
        text is null ? "null" : "{" + string.Join(", ", text.Select(p => $"{HostileStrings.Show(p.Key)}: {HostileStrings.Show(p.Value)}")) + "}";

    [Fact]
    public void Status_returns_clean_text_or_throws_validation_failed()
    {
        var requests =
            from level in HostileStrings.OneOf("normal", "disrupted", "emergency", "offline")
            from headline in HostileStrings.LocalizedText
            from summary in HostileStrings.LocalizedText
            from asOf in HostileStrings.OneOf(Timestamps)
            from url in HostileStrings.OneOf(Urls)
            select new StatusRequest(level, headline, summary, asOf, url);

        Check.One(Settings, Prop.ForAll(requests.ToArbitrary(), request => Holds(
            () => Validator.Status(request, "de", TestSupport.Now),
            status => Dirty(status.Headline, Limits.MaxHeadline) ?? Dirty(status.Summary, Limits.MaxSummary),
            $"headline {Show(request.Headline)}, summary {Show(request.Summary)}")));
    }

    [Fact]
    public void Service_returns_clean_text_or_throws_validation_failed()
    {
        var cases =
            from id in Gen.Elements("phone", "email", "custom-service", "x")
            from state in HostileStrings.OneOf("available", "limited", "unavailable", "unknown")
            from note in HostileStrings.LocalizedText
            from name in HostileStrings.LocalizedText
            select (id, new ServiceRequest(state, note, name));

        Check.One(Settings, Prop.ForAll(cases.ToArbitrary(), c => Holds(
            () => Validator.Service(c.Item1, c.Item2, "de"),
            entry => Dirty(entry.Note, Limits.MaxNote) ?? Dirty(entry.Name, Limits.MaxServiceName),
            $"id {c.Item1}, note {Show(c.Item2.Note)}, name {Show(c.Item2.Name)}")));
    }

    [Fact]
    public void Qa_returns_clean_text_or_throws_validation_failed()
    {
        var item =
            from id in HostileStrings.OneOf("email", "how-long", "q-3")
            from question in HostileStrings.LocalizedText
            from answer in HostileStrings.LocalizedText
            select (QaItemRequest?)new QaItemRequest(id, question, answer);
        var items = Gen.Frequency(
            (1, Gen.Constant<QaItemRequest?>(null)),
            (30, item));
        var requests = Gen.Choose(0, 3).SelectMany(n => items.ListOf(n)).Select(list => new QaRequest(list.ToList()));

        Check.One(Settings, Prop.ForAll(requests.ToArbitrary(), request => Holds(
            () => Validator.Qa(request, "de"),
            items => items.Select(q => Dirty(q.Question, Limits.MaxQuestion) ?? Dirty(q.Answer, Limits.MaxAnswer)).FirstOrDefault(d => d is not null),
            string.Join("; ", request.Items!.Select(q => q is null ? "null" : $"question {Show(q.Question)}, answer {Show(q.Answer)}")))));
    }

    [Fact]
    public void Update_returns_clean_text_or_throws_validation_failed()
    {
        var requests =
            from text in HostileStrings.LocalizedText
            from at in HostileStrings.OneOf(Timestamps)
            select new UpdateRequest(text, at);

        Check.One(Settings, Prop.ForAll(requests.ToArbitrary(), request => Holds(
            () => Validator.Update(request, "de", TestSupport.Now),
            update => Dirty(update.Text, Limits.MaxUpdateText),
            $"text {Show(request.Text)}")));
    }

    [Fact]
    public void Town_returns_clean_text_or_throws_validation_failed()
    {
        var internals = Gen.Frequency(
            (1, Gen.Constant<InternalRequest?>(null)),
            (3, from contact in HostileStrings.MostlyPrintable
                from phone in HostileStrings.OneOf("+49 7473 370-0", null)
                from notes in HostileStrings.MostlyPrintable
                select (InternalRequest?)new InternalRequest(contact, phone, notes)));
        var requests =
            from name in HostileStrings.MostlyPrintable
            from region in HostileStrings.OneOf("bw-test")
            from ags in HostileStrings.OneOf("08416041", null)
            from language in HostileStrings.OneOf("de", "DE-ch", null)
            from website in HostileStrings.OneOf(Urls)
            from phone in HostileStrings.OneOf("+49 7473 370-0", "07473 370", null)
            from neighbours in Gen.Frequency((6, Gen.Constant(new List<string?>())), (1, HostileStrings.OneOf("nachbarort", "musterstadt", "a").ListOf()))
            from location in Gen.Frequency((6, Gen.Elements<LocationRequest?>(null, new LocationRequest(48.5, 8.9))), (1, Gen.Elements<LocationRequest?>(new LocationRequest(double.NaN, 200), new LocationRequest(null, 1))))
            from inner in internals
            select new TownRequest(name, region, ags, language, website, phone, neighbours.ToList(), location, inner);

        Check.One(Settings, Prop.ForAll(requests.ToArbitrary(), request => Holds(
            () => Validator.Town("musterstadt", request),
            town => Dirty(town.Name, Limits.MaxTownName)
                ?? Dirty(town.Internal?.Contact, Limits.MaxInternalContact)
                ?? Dirty(town.Internal?.Notes, Limits.MaxInternalNotes),
            $"name {HostileStrings.Show(request.Name)}, contact {HostileStrings.Show(request.Internal?.Contact)}, notes {HostileStrings.Show(request.Internal?.Notes)}")));
    }
}
