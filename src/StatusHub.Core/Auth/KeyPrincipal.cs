namespace StatusHub.Core.Auth;

/// <summary>An authenticated caller: the key's id, label and scope (never its secret).</summary>
public sealed record KeyPrincipal(string KeyId, string Label, KeyScope Scope, string? Town, string? Region)
{
    /// <summary>The towns of a provider key (empty for every other scope).</summary>
    public IReadOnlySet<string> Towns { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public bool IsAdmin => Scope == KeyScope.Admin;

    /// <summary>Admin, or a town key of exactly this town.</summary>
    public bool CanWriteTown(string town) => IsAdmin || (Scope == KeyScope.Town && string.Equals(Town, town, StringComparison.Ordinal));

    /// <summary>Admin, or a region key of exactly this region.</summary>
    public bool CanReadRegion(string region) => IsAdmin || (Scope == KeyScope.Region && string.Equals(Region, region, StringComparison.Ordinal));

    /// <summary>Admin or a provider key: the keys that may write shared incidents at all (which ones: <see cref="CanWriteIncidentTowns"/>).</summary>
    public bool CanWriteIncidents => IsAdmin || Scope == KeyScope.Provider;

    /// <summary>Admin, or a provider key whose towns include every one of <paramref name="towns"/>.</summary>
    public bool CanWriteIncidentTowns(IEnumerable<string?> towns) =>
        IsAdmin || (Scope == KeyScope.Provider && towns.All(t => t is not null && Towns.Contains(t)));

    public Storage.Actor ToActor() => new(KeyId, Label, Scope.ToWire());
}
