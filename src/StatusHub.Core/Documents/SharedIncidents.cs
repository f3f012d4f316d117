using StatusHub.Core.Auth;
using StatusHub.Core.Errors;
using StatusHub.Core.Storage;
using StatusHub.Core.Validation;

namespace StatusHub.Core.Documents;

/// <summary>
/// The writes of shared incidents (API.md "Shared incidents") by an admin or a provider key: a provider key may write an
/// incident only while every town of it, in the body and as stored, is one of its own (403, nothing stored); the write
/// re-checks the stored towns under the incident's ETag.
/// </summary>
public sealed class SharedIncidents(IncidentRepository incidents, KnownTowns known, TimeProvider time)
{
    /// <summary>
    /// Creates or replaces an incident. A provider key is checked against the body's towns first, then against the stored
    /// incident's towns (none stored is no obstacle), before the body is validated and its towns looked up.
    /// </summary>
    public async Task<Written<(IncidentDocument Incident, bool Created)>> PutAsync(
        string incident, IncidentRequest? request, KeyPrincipal caller, WriteContext context, CancellationToken cancellationToken)
    {
        if (!caller.IsAdmin)
        {
            if (request?.Towns is { } listed && !caller.CanWriteIncidentTowns(listed))
            {
                throw new IncidentAccessDeniedException("This key may write incidents of its own towns only; the body names others.");
            }

            await MayWriteStoredAsync(incident, caller, cancellationToken).ConfigureAwait(false);
        }

        var definition = Validator.Incident(incident, request, time.GetUtcNow());
        await known.RequireAsync("towns", definition.Towns, cancellationToken).ConfigureAwait(false);
        return await incidents.PutAsync(definition, context, caller.CanWriteIncidentTowns, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds an update to the incident's timeline (replayed for the same <c>Idempotency-Key</c> and body); null when a
    /// provider key names an incident that does not exist.
    /// </summary>
    public async Task<Written<AddedUpdate>?> AddUpdateAsync(
        string incident, UpdateRequest? request, string? idempotencyKey, byte[] body, KeyPrincipal caller, WriteContext context, CancellationToken cancellationToken)
    {
        if (!caller.IsAdmin && !await MayWriteStoredAsync(incident, caller, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var idempotency = Validator.IdempotencyKey(idempotencyKey, body);
        var (text, at) = Validator.Update(request, Validator.IncidentLanguage, time.GetUtcNow());
        return await incidents.AddUpdateAsync(incident, text, at, idempotency, context, caller.CanWriteIncidentTowns, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>False when the incident does not exist; 403 unless <paramref name="caller"/> owns every town of the stored incident.</summary>
    private async Task<bool> MayWriteStoredAsync(string incident, KeyPrincipal caller, CancellationToken cancellationToken)
    {
        if (await incidents.GetTownsAsync(incident, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return false;
        }

        if (!caller.CanWriteIncidentTowns(stored))
        {
            throw new IncidentAccessDeniedException($"Incident '{incident}' has member towns outside this key's towns.");
        }

        return true;
    }
}
