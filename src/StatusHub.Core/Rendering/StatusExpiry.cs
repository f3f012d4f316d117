namespace StatusHub.Core.Rendering;

/// <summary>
/// How long a published status stays current without a new <c>asOf</c>: the page then warns that it may be out of date,
/// and the same instant is the <c>expires</c> of the CAP alert and of the page's SpecialAnnouncement. A rule on the
/// town's own data (asOf + 3 days), so an unchanged town renders identical bytes; a town still down re-confirms its status.
/// </summary>
public static class StatusExpiry
{
    public static readonly TimeSpan After = TimeSpan.FromDays(3);

    public static DateTimeOffset Of(DateTimeOffset asOf) => asOf + After;
}
