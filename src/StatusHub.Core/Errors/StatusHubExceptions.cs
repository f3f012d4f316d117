namespace StatusHub.Core.Errors;

/// <summary>A named resource does not exist (a 404 at the HTTP edge).</summary>
public sealed class ResourceNotFoundException(string resource)
    : Exception($"{resource} was not found.")
{
    public string Resource { get; } = resource;
}

/// <summary>The caller's <c>If-Match</c> no longer matches the stored version (412).</summary>
public sealed class PreconditionFailedException(string currentETag)
    : Exception("The resource was changed since the given ETag was read.")
{
    public string CurrentETag { get; } = currentETag;
}

/// <summary>An <c>Idempotency-Key</c> was reused with a different request body (422).</summary>
public sealed class IdempotencyConflictException()
    : Exception("This Idempotency-Key was already used with a different request body.");

/// <summary>Storage did not answer after bounded retries, or the circuit is open (503 with Retry-After).</summary>
public sealed class StorageUnavailableException(TimeSpan retryAfter, Exception? inner)
    : Exception("Storage is temporarily unavailable.", inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>Another instance holds the render lease longer than a manual render waits (503 with Retry-After).</summary>
public sealed class RenderBusyException(TimeSpan retryAfter)
    : Exception("Another render is in progress.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>A write that would take a resource over one of API.md's caps (409); <see cref="Title"/> names the cap.</summary>
public sealed class LimitReachedException(string message, string title = "Limit reached") : Exception(message)
{
    public string Title { get; } = title;
}

/// <summary>A provider key tried to write a shared incident that names a town outside its own list (403).</summary>
public sealed class IncidentAccessDeniedException(string message) : Exception(message);
