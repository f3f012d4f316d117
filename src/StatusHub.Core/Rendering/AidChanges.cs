using System.Security.Cryptography;
using System.Text.Json;
using StatusHub.Core.Aid;
using StatusHub.Core.Documents;
using StatusHub.Core.Domain;
using StatusHub.Core.Storage;

namespace StatusHub.Core.Rendering;

/// <summary>
/// Which towns of a region must be re-rendered because their aid matches changed although they did not change
/// themselves (a provider going down removes its offers from its neighbours' pages): each town's matches, as the region's
/// <c>feed.json</c> lists them, are kept as one hash in the region's render-state row (<see cref="PublishedFolder.Aid"/>).
/// </summary>
internal static class AidChanges
{
    /// <summary>Each town with aid matches: the SHA-256 of its matches as the region's <c>feed.json</c> lists them.</summary>
    public static Dictionary<string, string> Hashes(AidMatching matching) =>
        matching.Matches.Select(RegionFeedMatch.From)
            .GroupBy(m => m.Town, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(g.ToList(), DocumentJson.Options))),
                StringComparer.Ordinal);

    /// <summary>
    /// Towns whose aid matches differ from those the region's last render recorded. Without a record, every town of
    /// the region.
    /// </summary>
    public static IEnumerable<string> TownsChanged(PublishedFolder published, IReadOnlyList<TownSnapshot> snapshots, IReadOnlyDictionary<string, string> hashes) =>
        published.Recorded
            ? snapshots.Select(s => s.Profile.Slug).Where(slug => published.Aid.GetValueOrDefault(slug) != hashes.GetValueOrDefault(slug))
            : snapshots.Select(s => s.Profile.Slug);
}
