namespace StatusHub.Core.Validation;

/// <summary>A town's questions and answers (<c>PUT /api/v1/towns/{town}/qa</c>).</summary>
internal static class QaValidator
{
    public static IReadOnlyList<QaItem> Validate(QaRequest? request, string defaultLanguage)
    {
        var errors = new ValidationErrors();
        if (request?.Items is not { } list)
        {
            throw ValidationFailedException.Single("items", "Required: an array of questions and answers.");
        }

        if (list.Count > Limits.MaxQaItems)
        {
            errors.Add("items", $"At most {Limits.MaxQaItems} questions.");
        }

        var result = new List<QaItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var prefix = $"items[{i}].";
            if (list[i] is not { } item)
            {
                errors.Add($"items[{i}]", "A question object is required.");
                continue;
            }

            if (!Slugs.IsSlug(item.Id))
            {
                errors.Add(prefix + "id", item.Id is null ? "Required." : Slugs.Rule);
            }
            else if (!seen.Add(item.Id!))
            {
                errors.Add(prefix + "id", $"Question id '{item.Id}' is used twice.");
            }

            var question = TextRules.Localized(errors, prefix + "question", item.Question, defaultLanguage, Limits.MaxQuestion, required: true);
            var answer = TextRules.Localized(errors, prefix + "answer", item.Answer, defaultLanguage, Limits.MaxAnswer, required: true);
            result.Add(new QaItem(item.Id ?? "", question, answer));
        }

        errors.ThrowIfAny();
        return result;
    }
}
