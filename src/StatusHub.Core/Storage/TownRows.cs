using System.Globalization;
using Azure.Data.Tables;
using StatusHub.Core.Domain;

namespace StatusHub.Core.Storage;

/// <summary>
/// Row layout of a town's partition in <see cref="StatusHubStorage.TownsTable"/>. Document rows share the
/// prefix <c>d|</c> so the town document is one range query; audit and idempotency rows sort outside it.
/// Localized text is stored one property per language (<c>Headline__de</c>) so no language limit is baked in.
/// </summary>
internal static class TownRows
{
    public const string Head = "d|town";
    public const string DocumentFrom = "d|";
    public const string DocumentTo = "d}";
    public const string ServicePrefix = "d|svc|";
    public const string QaPrefix = "d|qa|";
    public const string UpdatePrefix = "d|upd|";
    public const string AidPrefix = "d|aid|";
    public const string AcceptedAidPrefix = "d|acc|";

    /// <summary>A shared incident's membership row in a member town's partition: <c>d|inc|{incident}</c> (IncidentRepository).</summary>
    public const string IncidentPrefix = "d|inc|";
    public const string IdempotencyPrefix = "i|";
    public const string AuditPrefix = "a|";
    public const string AuditTo = "a}";

    public static string ServiceKey(string id) => ServicePrefix + id;

    public static string QaKey(int index) => QaPrefix + index.ToString("D4", CultureInfo.InvariantCulture);

    public static string UpdateKey(string id) => UpdatePrefix + id;

    public static string AidKey(string id) => AidPrefix + id;

    /// <summary>The row of the receiving town's acceptance of one offer: <c>d|acc|{provider}|{offerId}</c> (slugs hold no '|').</summary>
    public static string AcceptedAidKey(string provider, string offerId) => $"{AcceptedAidPrefix}{provider}|{offerId}";

    /// <summary>Newest first: inverted ticks sort the latest audit row to the top of the partition range.</summary>
    public static string AuditKey(DateTimeOffset at) => AuditKey(at, Guid.NewGuid().ToString("N"));

    /// <summary>The audit row of one change (<paramref name="change"/> a fresh id of it): submitted again, the same key.</summary>
    public static string AuditKey(DateTimeOffset at, string change) =>
        AuditPrefix + (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|" + change;

    /// <summary>
    /// The head row's write counter: every committed write of the town sets it to the previous value + 1 in its own
    /// transaction, and its audit row records it. The ETag clients see is made from it (<see cref="VersionTag"/>).
    /// A head written before the column existed reads as 0.
    /// </summary>
    public const string VersionColumn = "Version";

    /// <summary>
    /// The head row's dirty state: true from the write that changed the town until the renderer has rendered it and
    /// cleared it (conditionally on the head's Table ETag it rendered from). A write on a clean head writes the town's
    /// render marker first; a write on a dirty head is its transaction alone (docs/storage.md, "A write").
    /// </summary>
    public const string DirtyColumn = "Dirty";

    public static long ReadVersion(TableEntity row) => row.GetInt64(VersionColumn) ?? 0;

    public static bool IsDirty(TableEntity head) => head.GetBoolean(DirtyColumn) == true;

    /// <summary>
    /// The town's ETag as clients see it, a strong tag made from the head's <see cref="VersionColumn"/> (<c>"v17"</c>):
    /// the renderer's clearing of <see cref="DirtyColumn"/> moves the row's Table ETag, never the town's version.
    /// </summary>
    public static string VersionTag(long version) => "\"v" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>The town's ETag as clients see it (<see cref="VersionTag"/>) for a head row as stored.</summary>
    public static string VersionTag(TableEntity head) => VersionTag(ReadVersion(head));

    /// <summary>The head row's columns a committed write sets besides its data: the next version, and dirty until rendered.</summary>
    public static void Advance(TableEntity head, long version)
    {
        head[VersionColumn] = version;
        head[DirtyColumn] = true;
    }

    /// <summary>
    /// The head row's count of the town's timeline updates, kept by every write that adds or deletes one: while it is
    /// below <see cref="Validation.Limits.MaxUpdates"/>, <c>POST …/updates</c> needs no read of the rows to find the
    /// oldest to remove. A head without it (written before it existed) makes the next update read the rows once.
    /// </summary>
    public const string UpdateCountColumn = "UpdateCount";

    public static int? ReadUpdateCount(TableEntity head) => head.GetInt32(UpdateCountColumn);

    /// <summary>The head row's column with the order of the town's services, as its last full list gave them.</summary>
    public const string ServiceOrderColumn = "ServiceOrder";

    /// <summary>A new head row; <paramref name="previous"/> hands on what only other writes set (the services' order).</summary>
    public static TableEntity HeadEntity(TownProfile profile, TownStatus status, DateTimeOffset createdAt, DateTimeOffset updatedAt, TableEntity? previous = null)
    {
        var entity = new TableEntity(profile.Slug, Head)
        {
            ["Name"] = profile.Name,
            ["Region"] = profile.Region,
            ["Ags"] = profile.Ags,
            ["DefaultLanguage"] = profile.DefaultLanguage,
            ["Website"] = profile.Website,
            ["Phone"] = profile.Phone,
            ["Neighbours"] = string.Join(',', profile.Neighbours),
            ["Lat"] = profile.Location?.Lat,
            ["Lon"] = profile.Location?.Lon,
            ["InternalContact"] = profile.Internal?.Contact,
            ["InternalPhone"] = profile.Internal?.Phone,
            ["InternalNotes"] = profile.Internal?.Notes,
            ["HasInternal"] = profile.Internal is not null,
            ["Level"] = status.Level.ToWire(),
            ["AsOf"] = status.AsOf,
            ["MoreInfoUrl"] = status.MoreInfoUrl,
            ["CreatedAt"] = createdAt,
            ["UpdatedAt"] = updatedAt,
        };
        WriteText(entity, "Headline", status.Headline);
        WriteText(entity, "Summary", status.Summary);
        if (previous?.GetString(ServiceOrderColumn) is { } order)
        {
            entity[ServiceOrderColumn] = order;
        }

        // A new town has no updates; a replaced head keeps the count its updates' writes keep.
        if ((previous is null ? 0 : ReadUpdateCount(previous)) is { } updates)
        {
            entity[UpdateCountColumn] = updates;
        }

        return entity;
    }

    /// <summary>The service ids in the town's order (empty when the town never sent a full list).</summary>
    public static IReadOnlyList<string> ReadServiceOrder(TableEntity head) =>
        head.GetString(ServiceOrderColumn) is { Length: > 0 } order ? order.Split(',') : [];

    /// <summary>The services in the town's order; services it has not ordered (set one at a time since) follow in catalogue order.</summary>
    public static List<ServiceEntry> OrderServices(IEnumerable<ServiceEntry> services, IReadOnlyList<string> townOrder)
    {
        // The first place of an id counts: a stored column is data, and a repeated id in it must not make the town unreadable.
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < townOrder.Count; index++)
        {
            position.TryAdd(townOrder[index], index);
        }

        return services
            .OrderBy(s => position.TryGetValue(s.Id, out var index) ? index : int.MaxValue)
            .ThenBy(s => ServiceCatalogue.SortKey(s.Id))
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
    }

    public static TownProfile ReadProfile(TableEntity head)
    {
        var neighbours = head.GetString("Neighbours") is { Length: > 0 } list ? list.Split(',') : [];
        var location = head.GetDouble("Lat") is { } lat && head.GetDouble("Lon") is { } lon ? new GeoLocation(lat, lon) : null;
        var internalContact = head.GetBoolean("HasInternal") == true
            ? new InternalContact(head.GetString("InternalContact"), head.GetString("InternalPhone"), head.GetString("InternalNotes"))
            : null;
        return new TownProfile(
            head.PartitionKey,
            head.GetString("Name") ?? head.PartitionKey,
            head.GetString("Region") ?? "",
            head.GetString("Ags"),
            head.GetString("DefaultLanguage") ?? "de",
            head.GetString("Website"),
            head.GetString("Phone"),
            neighbours,
            location,
            internalContact);
    }

    public static TownStatus ReadStatus(TableEntity head) =>
        new(
            EnumNames.TryParseLevel(head.GetString("Level"), out var level) ? level : TownLevel.Normal,
            ReadText(head, "Headline"),
            ReadText(head, "Summary"),
            head.GetDateTimeOffset("AsOf"),
            head.GetString("MoreInfoUrl"));

    public static DateTimeOffset CreatedAt(TableEntity head) => head.GetDateTimeOffset("CreatedAt") ?? head.Timestamp ?? DateTimeOffset.UnixEpoch;

    public static TableEntity ServiceEntity(string town, ServiceEntry service, DateTimeOffset now)
    {
        var entity = new TableEntity(town, ServiceKey(service.Id))
        {
            ["ServiceId"] = service.Id,
            ["State"] = service.State.ToWire(),
            ["UpdatedAt"] = now,
        };
        WriteText(entity, "Note", service.Note);
        if (service.Name is { } name)
        {
            WriteText(entity, "Name", name);
        }

        return entity;
    }

    public static ServiceEntry ReadService(TableEntity entity)
    {
        var name = ReadText(entity, "Name");
        return new ServiceEntry(
            entity.GetString("ServiceId") ?? entity.RowKey[ServicePrefix.Length..],
            EnumNames.TryParseState(entity.GetString("State"), out var state) ? state : ServiceState.Unknown,
            ReadText(entity, "Note"),
            name.Count > 0 ? name : null);
    }

    public static TableEntity QaEntity(string town, int index, QaItem item)
    {
        var entity = new TableEntity(town, QaKey(index)) { ["ItemId"] = item.Id };
        WriteText(entity, "Question", item.Question);
        WriteText(entity, "Answer", item.Answer);
        return entity;
    }

    public static QaItem ReadQa(TableEntity entity) =>
        new(entity.GetString("ItemId") ?? "", ReadText(entity, "Question"), ReadText(entity, "Answer"));

    /// <summary>
    /// An audit row (who, what, when) as every audit trail stores it: in a town's partition, an incident's, or the
    /// regions' one. <paramref name="rowKey"/> orders the trail newest first (<see cref="AuditKey(DateTimeOffset, string)"/>).
    /// </summary>
    public static TableEntity AuditEntity(string partition, string rowKey, Actor actor, string operation, string resource, DateTimeOffset at) =>
        new(partition, rowKey)
        {
            ["KeyId"] = actor.KeyId,
            ["KeyLabel"] = actor.Label,
            ["KeyScope"] = actor.Scope,
            ["Operation"] = operation,
            ["Resource"] = resource,
            ["At"] = at,
        };

    public static TableEntity UpdateEntity(string town, TimelineUpdate update)
    {
        var entity = new TableEntity(town, UpdateKey(update.Id)) { ["UpdateId"] = update.Id, ["At"] = update.At };
        WriteText(entity, "Text", update.Text);
        return entity;
    }

    public static TimelineUpdate ReadUpdate(TableEntity entity) =>
        new(
            entity.GetString("UpdateId") ?? entity.RowKey[UpdatePrefix.Length..],
            ReadText(entity, "Text"),
            entity.GetDateTimeOffset("At") ?? DateTimeOffset.UnixEpoch);

    public static TableEntity AidEntity(string town, AidOffer offer)
    {
        var entity = new TableEntity(town, AidKey(offer.Id))
        {
            ["OfferId"] = offer.Id,
            ["Service"] = offer.Service,
            ["ForTowns"] = string.Join(',', offer.ForTowns),
            ["ValidUntil"] = offer.ValidUntil,
            ["TermsSince"] = offer.TermsSince,
        };
        WriteText(entity, "Note", offer.Note);
        return entity;
    }

    public static AidOffer ReadAid(TableEntity entity) =>
        new(
            entity.GetString("OfferId") ?? entity.RowKey[AidPrefix.Length..],
            entity.GetString("Service") ?? "",
            entity.GetString("ForTowns") is { Length: > 0 } list ? list.Split(',') : [],
            ReadText(entity, "Note"),
            entity.GetDateTimeOffset("ValidUntil"))
        {
            TermsSince = entity.GetDateTimeOffset("TermsSince"),
        };

    public static TableEntity AcceptedAidEntity(string town, AidAcceptance acceptance) =>
        new(town, AcceptedAidKey(acceptance.Provider, acceptance.OfferId))
        {
            ["Provider"] = acceptance.Provider,
            ["OfferId"] = acceptance.OfferId,
            ["Terms"] = acceptance.Terms,
            ["AcceptedAt"] = acceptance.AcceptedAt,
            ["AcceptedBy"] = acceptance.AcceptedBy,
        };

    public static AidAcceptance ReadAcceptedAid(TableEntity entity) =>
        new(
            entity.GetString("Provider") ?? "",
            entity.GetString("OfferId") ?? "",
            entity.GetString("Terms") ?? "",
            entity.GetDateTimeOffset("AcceptedAt") ?? DateTimeOffset.UnixEpoch,
            entity.GetString("AcceptedBy") ?? "");

    // A table property holds at most 64 KiB (32 K UTF-16 characters): longer lists continue in Towns1, Towns2, ….
    private const int ListChunk = 30_000;

    /// <summary>Writes a list of slugs comma-separated into <paramref name="property"/>, continued in numbered columns when long.</summary>
    public static void WriteList(TableEntity entity, string property, IReadOnlyList<string> items)
    {
        var joined = string.Join(',', items);
        for (var part = 0; part * ListChunk < joined.Length || part == 0; part++)
        {
            var chunk = joined.Length == 0 ? "" : joined.Substring(part * ListChunk, Math.Min(ListChunk, joined.Length - (part * ListChunk)));
            entity[part == 0 ? property : property + part.ToString(CultureInfo.InvariantCulture)] = chunk;
        }
    }

    /// <summary>The list <see cref="WriteList"/> wrote (empty when the row has none).</summary>
    public static IReadOnlyList<string> ReadList(TableEntity entity, string property)
    {
        var joined = new System.Text.StringBuilder(entity.GetString(property) ?? "");
        for (var part = 1; entity.GetString(property + part.ToString(CultureInfo.InvariantCulture)) is { } more; part++)
        {
            joined.Append(more);
        }

        return joined.Length == 0 ? [] : joined.ToString().Split(',');
    }

    public static void WriteText(TableEntity entity, string property, LocalizedText text)
    {
        foreach (var (language, value) in text)
        {
            entity[$"{property}__{language.Replace('-', '_')}"] = value;
        }
    }

    public static LocalizedText ReadText(TableEntity entity, string property)
    {
        var prefix = property + "__";
        var text = new LocalizedText();
        foreach (var (key, value) in entity)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && value is string s)
            {
                text[key[prefix.Length..].Replace('_', '-')] = s;
            }
        }

        return text;
    }
}
