using StatusHub.Core.Domain;

namespace StatusHub.Core.Validation;

/// <summary>A town's services: one (<c>PUT …/services/{service}</c>) or the whole list (<c>PUT …/services</c>).</summary>
internal static class ServiceValidator
{
    public static ServiceEntry Validate(string serviceId, ServiceRequest? request, string defaultLanguage)
    {
        var errors = new ValidationErrors();
        request = TextRules.RequireObject(request);
        var entry = Entry(errors, "", serviceId, request.State, request.Note, request.Name, defaultLanguage);
        errors.ThrowIfAny();
        return entry!;
    }

    public static IReadOnlyList<ServiceEntry> ValidateList(ServiceListRequest? request, string defaultLanguage)
    {
        var errors = new ValidationErrors();
        if (request?.Services is not { } list)
        {
            throw ValidationFailedException.Single("services", "Required: an array of services.");
        }

        if (list.Count > Limits.MaxServices)
        {
            errors.Add("services", $"At most {Limits.MaxServices} services.");
        }

        var result = new List<ServiceEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var prefix = $"services[{i}].";
            var item = list[i];
            if (item is null)
            {
                errors.Add($"services[{i}]", "A service object is required.");
                continue;
            }

            if (!Slugs.IsSlug(item.Id))
            {
                errors.Add(prefix + "id", item.Id is null ? "Required." : Slugs.Rule);
                continue;
            }

            if (!seen.Add(item.Id!))
            {
                errors.Add(prefix + "id", $"Service '{item.Id}' is listed twice.");
                continue;
            }

            if (Entry(errors, prefix, item.Id!, item.State, item.Note, item.Name, defaultLanguage) is { } entry)
            {
                result.Add(entry);
            }
        }

        errors.ThrowIfAny();
        return result;
    }

    private static ServiceEntry? Entry(
        ValidationErrors errors,
        string prefix,
        string serviceId,
        string? stateValue,
        Dictionary<string, string?>? note,
        Dictionary<string, string?>? nameValue,
        string defaultLanguage)
    {
        var before = errors.Count;
        if (!EnumNames.TryParseState(stateValue, out var state))
        {
            errors.Add(prefix + "state", "Required: one of available, limited, unavailable, unknown.");
        }

        LocalizedText? name = null;
        if (ServiceCatalogue.Find(serviceId) is null)
        {
            if (nameValue is null)
            {
                errors.Add(prefix + "name", $"'{serviceId}' is not in the service catalogue (GET /api/v1/services): a custom service needs a name.");
            }
            else
            {
                name = TextRules.Localized(errors, prefix + "name", nameValue, defaultLanguage, Limits.MaxServiceName, required: true);
            }
        }
        else if (nameValue is not null)
        {
            errors.Add(prefix + "name", $"'{serviceId}' is a catalogue service; its name comes from the catalogue.");
        }

        var noteText = TextRules.Localized(errors, prefix + "note", note, defaultLanguage, Limits.MaxNote, required: false);
        return errors.Count > before ? null : new ServiceEntry(serviceId, state, noteText, name);
    }
}
