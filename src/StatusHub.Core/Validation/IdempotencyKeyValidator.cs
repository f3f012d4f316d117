using StatusHub.Core.Storage;

namespace StatusHub.Core.Validation;

/// <summary>The <c>Idempotency-Key</c> header of <c>POST …/updates</c>: at most <see cref="Limits.MaxIdempotencyKey"/> printable characters.</summary>
internal static class IdempotencyKeyValidator
{
    public static IdempotencyToken? Validate(string? header, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        if (header.Length > Limits.MaxIdempotencyKey || header.Any(char.IsControl))
        {
            throw ValidationFailedException.Single("Idempotency-Key", $"At most {Limits.MaxIdempotencyKey} printable characters.");
        }

        return new IdempotencyToken(header, TownRepository.HashBody(body));
    }
}
