using StatusHub.Core.Validation;

namespace StatusHub.Core.Storage;

/// <summary>
/// A town's audit trail as <c>GET /api/v1/towns/{town}/audit</c> answers it: a page of entries, newest first, as the
/// caller may see them, and the <c>next</c> token of the following page (null at the end).
/// </summary>
public sealed class AuditTrail(TownRepository towns, AuditRepository audit)
{
    /// <summary>
    /// The page <paramref name="query"/> asks for, or null when there is no such town. An admin (<paramref name="admin"/>)
    /// sees every key; a town key sees its own town's keys and the scope of every other writer (<see cref="AuditEntry.ForTownKey"/>).
    /// </summary>
    public async Task<AuditPage?> ReadAsync(string town, AuditPageQuery query, bool admin, CancellationToken cancellationToken)
    {
        if (await towns.GetProfileAsync(town, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        var page = await audit.ReadAsync(town, query.Limit, query.Continuation, cancellationToken).ConfigureAwait(false);
        var next = page.Next is null ? null : AuditPageValidator.Token(page.Next);
        var items = admin ? page.Items : page.Items.Select(e => e.ForTownKey()).ToList();
        return new AuditPage(items, next);
    }
}
