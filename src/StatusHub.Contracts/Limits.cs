namespace StatusHub.Contracts;

/// <summary>Documented maximum sizes of every input (README "Limits"); one place for both hosts.</summary>
public static class Limits
{
    public const int MaxBodyBytes = 256 * 1024;
    public const int MinSlugLength = 2;
    public const int MaxSlugLength = 63;
    public const int MaxLanguagesPerText = 10;
    public const int MaxTownName = 100;

    /// <summary>A region's display name in each language: as long as a town's name.</summary>
    public const int MaxRegionName = MaxTownName;
    public const int MaxHeadline = 200;
    public const int MaxSummary = 4000;
    public const int MaxServiceName = 100;
    public const int MaxNote = 1000;
    public const int MaxQuestion = 500;
    public const int MaxAnswer = 8000;
    public const int MaxUpdateText = 4000;
    public const int MaxUrl = 2048;
    public const int MaxPhone = 40;
    public const int MaxLabel = 100;
    public const int MaxInternalContact = 200;
    public const int MaxInternalNotes = 2000;
    public const int MaxNeighbours = 50;
    public const int MaxServices = 48;
    public const int MaxQaItems = 50;
    public const int MaxIdempotencyKey = 200;

    /// <summary>The earliest <c>asOf</c> or update <c>at</c> accepted: StatusHub reports current outages, not history.</summary>
    public static readonly DateTimeOffset EarliestTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far past the server's clock an <c>asOf</c> or update <c>at</c> may lie (a publisher's clock running fast).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromDays(1);

    /// <summary>An aid offer's <c>validUntil</c> lies before this.</summary>
    public static readonly DateTimeOffset LatestValidUntil = new(3000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Timeline updates a town keeps; the write that adds one beyond removes the oldest (API.md).</summary>
    public const int MaxUpdates = 200;

    /// <summary>Member towns of one shared incident, and towns of one provider key.</summary>
    public const int MaxIncidentTowns = 1000;

    /// <summary>How far in the future an incident's startedAt or resolvedAt may lie (clock skew, a planned cut-over).</summary>
    public static readonly TimeSpan MaxIncidentFuture = TimeSpan.FromDays(1);

    /// <summary>Aid offers one providing town may hold; one more is 409 (API.md).</summary>
    public const int MaxOffers = 50;

    /// <summary>How long an <c>Idempotency-Key</c> replay is honoured; after that the key starts afresh (API.md).</summary>
    public static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(24);
}
