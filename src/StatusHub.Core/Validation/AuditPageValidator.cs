using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using StatusHub.Core.Storage;

namespace StatusHub.Core.Validation;

/// <summary>The page a client asks for: how many entries, and from where.</summary>
/// <param name="Limit">1 to <see cref="AuditRepository.MaxPageSize"/>.</param>
/// <param name="Continuation">Where the page starts (decoded from a <c>next</c> this API returned), or null for the newest.</param>
public sealed record AuditPageQuery(int Limit, string? Continuation);

/// <summary>
/// The query of <c>GET /api/v1/towns/{town}/audit</c>: <c>limit</c> (1–200, default 50) and <c>continuation</c>
/// (a <c>next</c> this API returned, base64url of at most <see cref="MaxContinuationLength"/> characters), each given once.
/// </summary>
internal static class AuditPageValidator
{
    public const int MaxContinuationLength = 2048;

    /// <summary>A query parameter's values: null when absent, else every value given.</summary>
    public static AuditPageQuery Validate(IReadOnlyList<string?>? limitValues, IReadOnlyList<string?>? continuationValues)
    {
        var errors = new ValidationErrors();
        var limit = AuditRepository.DefaultPageSize;
        if (limitValues is not null
            && (limitValues.Count != 1
                || !int.TryParse(limitValues[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit)
                || limit is < 1 or > AuditRepository.MaxPageSize))
        {
            errors.Add("limit", $"A whole number from 1 to {AuditRepository.MaxPageSize}.");
        }

        string? continuation = null;
        if (continuationValues is not null)
        {
            var text = string.Join(',', continuationValues);
            var bytes = new byte[Base64Url.GetMaxDecodedLength(Math.Min(text.Length, MaxContinuationLength))];
            if (continuationValues.Count != 1 || text.Length is 0 or > MaxContinuationLength
                || Base64Url.DecodeFromChars(text, bytes, out _, out var written) != OperationStatus.Done)
            {
                errors.Add("continuation", "Not a token this API returned as 'next'.");
            }
            else
            {
                continuation = Encoding.UTF8.GetString(bytes, 0, written);
            }
        }

        errors.ThrowIfAny();
        return new AuditPageQuery(limit, continuation);
    }

    /// <summary>The <c>next</c> a client sends back as <c>continuation</c>: the storage position, base64url.</summary>
    public static string Token(string position) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(position));
}
