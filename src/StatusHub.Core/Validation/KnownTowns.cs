using StatusHub.Core.Storage;

namespace StatusHub.Core.Validation;

/// <summary>
/// The input rules that need storage: the towns a request names must exist (400 naming each one that does not). Checked
/// after the syntax (<see cref="Validator"/>), before anything is written.
/// </summary>
public sealed class KnownTowns(TownListCache cache, TownRepository towns)
{
    /// <summary>
    /// Every town of <paramref name="slugs"/> exists. The cached town list answers; a town it misses is looked for once
    /// more in a fresh list (it may have been created through another instance within the cache's bound).
    /// </summary>
    public async Task RequireAsync(string field, IReadOnlyList<string> slugs, CancellationToken cancellationToken)
    {
        var known = await SlugsAsync(cancellationToken).ConfigureAwait(false);
        if (slugs.Any(t => !known.Contains(t)))
        {
            cache.Invalidate();
            known = await SlugsAsync(cancellationToken).ConfigureAwait(false);
        }

        Slugs.RequireKnown(field, slugs, known);
    }

    /// <summary>A provider key's towns exist, and so does a town key's town.</summary>
    public async Task RequireAsync(KeyDefinition key, CancellationToken cancellationToken)
    {
        if (key.Towns is { } listed)
        {
            await RequireAsync("towns", listed, cancellationToken).ConfigureAwait(false);
        }

        if (key.Scope == KeyScope.Town && await towns.GetProfileAsync(key.Town!, cancellationToken).ConfigureAwait(false) is null)
        {
            throw ValidationFailedException.Single("town", $"There is no town '{key.Town}': create it first with PUT /api/v1/towns/{key.Town}.");
        }
    }

    /// <summary>Every well-formed slug in an aid offer's forTowns names an existing town (malformed ones are reported by the <see cref="Validator"/>).</summary>
    public async Task RequireForTownsAsync(IReadOnlyList<string?>? forTowns, CancellationToken cancellationToken)
    {
        if (forTowns is not { Count: > 0 } || forTowns.Count > Limits.MaxNeighbours)
        {
            return;
        }

        var known = (await towns.ListAsync(cancellationToken).ConfigureAwait(false)).Select(t => t.Slug).ToHashSet(StringComparer.Ordinal);
        var errors = new ValidationErrors();
        for (var i = 0; i < forTowns.Count; i++)
        {
            if (Slugs.IsSlug(forTowns[i]) && !known.Contains(forTowns[i]!))
            {
                errors.Add($"forTowns[{i}]", $"There is no town '{forTowns[i]}'.");
            }
        }

        errors.ThrowIfAny();
    }

    private async Task<HashSet<string>> SlugsAsync(CancellationToken cancellationToken) =>
        (await cache.GetAsync(cancellationToken).ConfigureAwait(false)).Select(t => t.Slug).ToHashSet(StringComparer.Ordinal);
}
