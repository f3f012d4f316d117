using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace StatusHub.Core.Storage;

/// <summary>
/// Text longer than one table property may hold, stored across numbered properties of one entity (<c>{prefix}0</c>,
/// <c>{prefix}1</c>, …) with their count in <c>Chunks</c>. A string property holds at most 64 KiB (32 K UTF-16
/// characters) and an entity at most 1 MiB, so about 15 chunks fit beside the entity's other columns.
/// </summary>
internal static class ChunkedText
{
    private const int ChunkChars = 30_000;

    public static void Write(TableEntity entity, string prefix, string text)
    {
        var chunks = 0;
        for (var at = 0; at < text.Length; at += ChunkChars, chunks++)
        {
            entity[prefix + chunks.ToString(CultureInfo.InvariantCulture)] = text.Substring(at, Math.Min(ChunkChars, text.Length - at));
        }

        entity["Chunks"] = chunks;
    }

    /// <summary>The text <see cref="Write"/> stored; empty for an entity without chunks.</summary>
    public static string Read(TableEntity entity, string prefix)
    {
        var chunks = entity.GetInt32("Chunks") ?? 0;
        var text = new StringBuilder();
        for (var i = 0; i < chunks; i++)
        {
            text.Append(entity.GetString(prefix + i.ToString(CultureInfo.InvariantCulture)));
        }

        return text.ToString();
    }
}
