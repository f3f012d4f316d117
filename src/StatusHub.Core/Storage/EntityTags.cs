namespace StatusHub.Core.Storage;

/// <summary>
/// The ETags clients see and send (RFC 9110 §8.8.3, §13.1.1). Table Storage writes its entity ETags in weak syntax
/// (<c>W/"datetime'…'"</c>), yet a row's ETag changes with every write of that row, so the hub presents it as the
/// strong tag it is (<c>"datetime'…'"</c>) and judges <c>If-Match</c> by strong comparison: <c>*</c> matches a stored
/// resource, a strong tag matches when it is the stored row's tag, and a weak tag (<c>W/"…"</c>) never matches.
/// </summary>
public static class EntityTags
{
    /// <summary>The strong form of a stored ETag, as sent in the <c>ETag</c> header and in the audit trail.</summary>
    public static string Strong(string storedETag) =>
        storedETag.StartsWith("W/", StringComparison.Ordinal) ? storedETag[2..] : storedETag;

    /// <summary>
    /// Whether an <c>If-Match</c> field value (<c>*</c> or a comma-separated list of entity tags) matches the stored
    /// ETag by strong comparison. A malformed value matches nothing.
    /// </summary>
    public static bool Matches(string ifMatch, string storedETag)
    {
        var value = ifMatch.Trim();
        if (value == "*")
        {
            return true;
        }

        var stored = Strong(storedETag);
        var position = 0;
        while (position < value.Length)
        {
            while (position < value.Length && (value[position] is ' ' or '\t' or ','))
            {
                position++;
            }

            if (position == value.Length)
            {
                break;
            }

            var weak = string.CompareOrdinal(value, position, "W/", 0, 2) == 0;
            var start = weak ? position + 2 : position;
            if (start >= value.Length || value[start] != '"')
            {
                return false;
            }

            var end = value.IndexOf('"', start + 1);
            if (end < 0)
            {
                return false;
            }

            if (!weak && value.AsSpan(start, end + 1 - start).SequenceEqual(stored))
            {
                return true;
            }

            position = end + 1;
        }

        return false;
    }
}
