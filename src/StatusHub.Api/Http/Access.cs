using StatusHub.Core.Auth;
using StatusHub.Core.Storage;
using StatusHub.Core.Validation;

namespace StatusHub.Api.Http;

/// <summary>
/// Who may call a route, declared once per route as the first argument of <see cref="ApiCall.Typed"/> (or <see cref="ApiCall.Run"/>), which applies
/// API.md's fixed order before the handler runs, for both hosts: slug syntax (400, or 404 on a read; never a storage
/// call) → authentication (401) → authorization (403) → the key's write budget (429; on public reads, the client
/// address's read budget) → and only then the handler,
/// which reads the body. A caller without the right never learns whether the resource exists.
/// </summary>
public sealed class Access
{
    private readonly IReadOnlyList<(string Field, string Value)> _slugs;
    private readonly Func<KeyPrincipal, ApiContext, ValueTask<bool>>? _allows;
    private readonly string _denied;

    private Access(AccessRule rule, IReadOnlyList<(string Field, string Value)> slugs, Func<KeyPrincipal, bool>? allows, string denied)
        : this(rule, slugs, allows is null ? null : (p, _) => ValueTask.FromResult(allows(p)), denied)
    {
    }

    private Access(AccessRule rule, IReadOnlyList<(string Field, string Value)> slugs, Func<KeyPrincipal, ApiContext, ValueTask<bool>>? allows, string denied)
    {
        Rule = rule;
        _slugs = slugs;
        _allows = allows;
        _denied = denied;
    }

    /// <summary>Which rule this is, as a route declares it for the OpenAPI document (<see cref="RouteContract"/>).</summary>
    public AccessRule Rule { get; }

    /// <summary>Anyone, no key; the route values must still be slugs.</summary>
    public static Access Public(params (string Field, string Value)[] slugs) => new(AccessRule.Public, slugs, (Func<KeyPrincipal, bool>?)null, "");

    /// <summary>An admin key.</summary>
    public static Access Admin(params (string Field, string Value)[] slugs) =>
        new(AccessRule.Admin, slugs, p => p.IsAdmin, "This operation needs an admin key.");

    /// <summary>A town key of <paramref name="town"/>, or admin: writes to that town and reads of its own records.</summary>
    public static Access TownWriter(string town, params (string Field, string Value)[] slugs) =>
        new(AccessRule.TownWriter, [("town", town), .. slugs], p => p.CanWriteTown(town), $"This key may not write town '{town}'.");

    /// <summary>
    /// A town key of <paramref name="town"/>, a region key of the town's region (its agency acts for it), or admin. A
    /// region key is checked against the stored town (one read); for a town that does not exist it is refused (403),
    /// as for a town of another region, so the answer tells nobody which towns exist.
    /// </summary>
    public static Access TownOrItsRegion(string town, params (string Field, string Value)[] slugs) =>
        new(AccessRule.TownOrItsRegion, [("town", town), .. slugs], async (p, api) =>
            p.CanWriteTown(town)
            || (p.Scope == KeyScope.Region
                && await api.Get<TownRepository>().GetProfileAsync(town, api.Aborted).ConfigureAwait(false) is { } profile
                && p.CanReadRegion(profile.Region)),
            $"This key may not act for town '{town}'.");

    /// <summary>
    /// An admin key, or a provider key: the only keys that write shared incidents. Which incidents a provider key may
    /// write depends on towns (the body's, and those of the stored incident), so the handler checks them right after
    /// reading the body (403, nothing stored); the write re-checks the stored towns under the incident's ETag.
    /// </summary>
    public static Access IncidentWriter(string incident, params (string Field, string Value)[] slugs) =>
        new(AccessRule.IncidentWriter, [("incident", incident), .. slugs], p => p.CanWriteIncidents, "This key may not write shared incidents: that needs an admin or a provider key.");

    /// <summary>A region key of <paramref name="region"/>, or admin.</summary>
    public static Access RegionReader(string region, params (string Field, string Value)[] slugs) =>
        new(AccessRule.RegionReader, [("region", region), .. slugs], p => p.CanReadRegion(region), $"This key may not read region '{region}'.");

    /// <summary>The principal the route runs as (null for a public route), or the first failure in API.md's order.</summary>
    internal async Task<KeyPrincipal?> ApplyAsync(ApiContext api)
    {
        var read = !api.IsWrite;
        var errors = new ValidationErrors();
        foreach (var (field, value) in _slugs)
        {
            if (!Validator.IsSlug(value))
            {
                if (read)
                {
                    throw ApiContext.NotFound($"There is no {field} '{value}'.");
                }

                errors.Add(field, Validator.SlugRule);
            }
        }

        errors.ThrowIfAny();
        if (_allows is null)
        {
            if (read)
            {
                api.ChargeAnonymousRead();
            }

            return null;
        }

        var principal = await api.AuthenticateAsync().ConfigureAwait(false);
        if (!await _allows(principal, api).ConfigureAwait(false))
        {
            throw ApiContext.Forbidden(_denied);
        }

        if (api.IsWrite)
        {
            api.ChargeWrite(principal);
        }

        return principal;
    }
}

/// <summary>The kinds of <see cref="Access"/>: what a route's OpenAPI operation says about its security and problems.</summary>
public enum AccessRule
{
    /// <summary>Anyone, no key.</summary>
    Public,

    /// <summary>An admin key.</summary>
    Admin,

    /// <summary>A town key of the route's town, or admin.</summary>
    TownWriter,

    /// <summary>A town key of the route's town, a region key of its region, or admin.</summary>
    TownOrItsRegion,

    /// <summary>A region key of the route's region, or admin.</summary>
    RegionReader,

    /// <summary>A provider key whose towns include every member town of the incident, or admin.</summary>
    IncidentWriter,
}
