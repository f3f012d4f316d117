using System.Text.Json.Serialization;

namespace StatusHub.Contracts;

/// <summary>What a key may do.</summary>
public enum KeyScope
{
    Admin,
    Town,
    Region,

    /// <summary>A shared IT service provider (or a state agency): writes shared incidents of its own towns, nothing else.</summary>
    Provider,
}

/// <summary>The scope's name as stored and shown (<c>admin</c>, <c>town</c>, <c>region</c>, <c>provider</c>).</summary>
public static class KeyScopeNames
{
    public static string ToWire(this KeyScope scope) => scope.ToString().ToLowerInvariant();
}

/// <summary>Answer of <c>POST /api/v1/keys</c>: the only time the secret <see cref="Key"/> is shown.</summary>
public sealed record CreatedKeyResponse(string Id, string Key, KeyScope Scope, string? Town, string? Region, string Label, DateTimeOffset CreatedAt)
{
    /// <summary>A provider key's towns; absent for every other scope.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Towns { get; init; }
}

/// <summary>One key of <c>GET /api/v1/keys</c>; never its secret.</summary>
public sealed record KeyInfo(string Id, KeyScope Scope, string? Town, string? Region, string Label, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>A provider key's towns; absent for every other scope.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Towns { get; init; }
}

/// <summary>Answer of <c>GET /api/v1/keys</c>.</summary>
public sealed record KeyListResponse(IReadOnlyList<KeyInfo> Keys);
