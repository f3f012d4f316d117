namespace StatusHub.Core.Auth;

/// <summary>An authenticated caller: the key's id, label and scope (never its secret).</summary>
public sealed record KeyPrincipal(string KeyId, string Label, KeyScope Scope, string? Town, string? Region)
{
    public bool IsAdmin => Scope == KeyScope.Admin;

    /// <summary>Admin, or a town key of exactly this town.</summary>
    public bool CanWriteTown(string town) => IsAdmin || (Scope == KeyScope.Town && string.Equals(Town, town, StringComparison.Ordinal));

    /// <summary>Admin, or a region key of exactly this region.</summary>
    public bool CanReadRegion(string region) => IsAdmin || (Scope == KeyScope.Region && string.Equals(Region, region, StringComparison.Ordinal));

    public Storage.Actor ToActor() => new(KeyId, Label, Scope.ToWire());
}
