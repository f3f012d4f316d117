namespace StatusHub.Core.Documents;

/// <summary>
/// Which shared incidents a member town's document shows, and how much of each: open incidents first (latest start
/// first), then those resolved within <see cref="ShownAfterResolution"/> (latest resolution first); at most
/// <see cref="MaxPerTown"/> incidents with their <see cref="LatestUpdates"/> newest updates each (the incident's own page
/// has the whole timeline). A resolved incident stays on member pages for two weeks so that citizens who look later
/// still learn what happened and that it is over; then it leaves them (the render schedules that moment).
/// </summary>
public static class IncidentSelection
{
    /// <summary>How long a resolved incident stays on its member towns' pages and in <c>GET /api/v1/incidents</c>.</summary>
    public static readonly TimeSpan ShownAfterResolution = TimeSpan.FromDays(14);

    /// <summary>The most incidents one town document carries.</summary>
    public const int MaxPerTown = 5;

    /// <summary>The newest timeline updates of an incident that a town document carries.</summary>
    public const int LatestUpdates = 5;

    /// <summary>True while the incident is open or resolved less than <see cref="ShownAfterResolution"/> ago.</summary>
    public static bool IsShown(DateTimeOffset? resolvedAt, DateTimeOffset now) =>
        resolvedAt is not { } resolved || resolved + ShownAfterResolution > now;

    /// <summary>
    /// The views for <paramref name="town"/> of those <paramref name="incidents"/> that still name it (a membership row
    /// left over from an interrupted change of the town list counts for nothing) and are shown at <paramref name="now"/>.
    /// </summary>
    public static IReadOnlyList<IncidentView> ForTown(string town, IEnumerable<IncidentDocument> incidents, DateTimeOffset now) =>
        incidents
            .Where(i => i.Towns.Contains(town, StringComparer.Ordinal) && IsShown(i.ResolvedAt, now))
            .OrderBy(i => i.ResolvedAt is null ? 0 : 1)
            .ThenByDescending(i => i.ResolvedAt ?? i.StartedAt)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .Take(MaxPerTown)
            .Select(i => i.ToView() with { Updates = i.Updates.Take(LatestUpdates).ToList() })
            .ToList();
}
