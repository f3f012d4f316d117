using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StatusHub.Core.Auth;
using StatusHub.Core.Storage;
using StatusHub.Core.Validation;

namespace StatusHub.Api.Http;

/// <summary>
/// What every handler needs from a request, independent of the host: services, authentication and
/// authorization, the JSON body read within the size limit, and the concurrency headers.
/// </summary>
public sealed class ApiContext(HttpRequest request)
{
    public HttpRequest Request { get; } = request;

    public CancellationToken Aborted => Request.HttpContext.RequestAborted;

    public string? IfMatch => Request.Headers.IfMatch.Count > 0 ? Request.Headers.IfMatch.ToString().Trim() : null;

    /// <summary>The <c>Idempotency-Key</c> header as sent (empty without it); <see cref="Validator.IdempotencyKey"/> checks it.</summary>
    public string IdempotencyKey => Request.Headers["Idempotency-Key"].ToString();

    /// <summary>
    /// The If-Match check of a write whose target has no ETag of its own (a POST that creates a key or subscription in
    /// its collection): <c>*</c> matches the existing collection, any entity tag cannot match (412, RFC 9110 §13.1.1).
    /// </summary>
    public void CheckIfMatchUntagged()
    {
        if (IfMatch is { } ifMatch && ifMatch != "*")
        {
            throw new Core.Errors.PreconditionFailedException("");
        }
    }

    public T Get<T>()
        where T : notnull => Request.HttpContext.RequestServices.GetRequiredService<T>();

    /// <summary>The caller as <see cref="Access"/> authenticated it; null on a public route.</summary>
    public KeyPrincipal? Principal { get; internal set; }

    /// <summary>The caller of a route whose <see cref="Access"/> needs a key.</summary>
    public KeyPrincipal Caller => Principal ?? throw new InvalidOperationException("This route's access rule authenticates no caller.");

    /// <summary>
    /// The caller, or 401 when the bearer key is missing, malformed, unknown, wrong or revoked. A correct key is
    /// always accepted, whatever others did with its id or from its address; a wrong one is answered 429 with
    /// Retry-After once this client address or key id has failed too often (the secret is verified first, at the
    /// same cost for known and unknown ids, so a refusal says nothing about the key).
    /// </summary>
    internal async Task<KeyPrincipal> AuthenticateAsync()
    {
        SecurityHeaders.MarkPrivate(Request.HttpContext);
        var header = Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length == scheme.Length)
        {
            throw new ApiProblemException(401, "Authentication required", "Send 'Authorization: Bearer <key>'.");
        }

        var presented = header[scheme.Length..].Trim();
        var principal = await Get<KeyAuthenticator>().AuthenticateAsync(presented, Aborted).ConfigureAwait(false);
        if (principal is not null)
        {
            return principal;
        }

        var keyId = ApiKeys.TryParse(presented, out var id, out _) ? id : null;
        var throttle = Get<AuthThrottle>();
        var address = throttle.AddressOf(Request);
        if (throttle.RefuseAuthentication(address, keyId) is { } wait)
        {
            Logger.LogWarning("Authentication throttled for address {Address} (key id {KeyId}): too many failures", address, keyId ?? "none");
            throw TooManyRequests("Too many failed authentications from this address or for this key: wait before trying again.", wait);
        }

        throttle.RecordFailure(address, keyId);
        Logger.LogInformation("Authentication failed from address {Address} (key id {KeyId})", address, keyId ?? "none");
        throw new ApiProblemException(401, "Authentication failed", "The key is not valid or was revoked.");
    }

    /// <summary>Takes one read of a public route from the client address's budget, or 429 with Retry-After.</summary>
    internal void ChargeAnonymousRead()
    {
        var throttle = Get<AuthThrottle>();
        var address = throttle.AddressOf(Request);
        if (throttle.RefuseAnonymousRead(address) is { } wait)
        {
            Logger.LogWarning("Anonymous reads throttled for address {Address}", address);
            throw TooManyRequests("Too many reads from this address: wait, or read the static site, which has no limit.", wait);
        }
    }

    /// <summary>Takes one write from the caller's budget, or 429 with Retry-After when it is used up.</summary>
    internal void ChargeWrite(KeyPrincipal principal)
    {
        if (Get<AuthThrottle>().RefuseWrite(principal.KeyId) is { } wait)
        {
            Logger.LogWarning("Write budget of key {KeyId} used up", principal.KeyId);
            throw TooManyRequests("This key has made too many writes: wait before writing again.", wait);
        }
    }

    /// <summary>The 415 of a body that is not JSON.</summary>
    public static ApiProblemException UnsupportedMediaType() =>
        new(415, "Unsupported media type", "Send the body as 'Content-Type: application/json'.");

    /// <summary>Checks content type and size, then parses the body; every failure is a 4xx problem.</summary>
    public async Task<(T? Value, byte[] Raw)> ReadJsonAsync<T>()
        where T : class
    {
        if (!Request.HasJsonContentType())
        {
            throw UnsupportedMediaType();
        }

        if (Request.ContentLength > Limits.MaxBodyBytes)
        {
            throw TooLarge();
        }

        var raw = await ReadLimitedAsync().ConfigureAwait(false);
        try
        {
            return (JsonSerializer.Deserialize<T>(raw, DocumentJson.Options), raw);
        }
        catch (JsonException error)
        {
            if (JsonDuplicateKeys.Find(raw) is { } duplicate)
            {
                throw new ApiProblemException(400, "Malformed JSON", $"The body names the property '{duplicate.Name}' twice at {duplicate.Path}: give each property once.");
            }

            var where = error.Path is { Length: > 0 } path ? $" at {path}" : "";
            var reason = error.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "unknown property" : "malformed or wrongly typed value";
            throw new ApiProblemException(400, "Malformed JSON", $"The body is not valid for this operation: {reason}{where} (line {error.LineNumber + 1}, byte {error.BytePositionInLine}).");
        }
    }

    /// <summary>Every method but GET and HEAD counts against the key's write budget.</summary>
    public bool IsWrite => !HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method);

    /// <summary>
    /// Sets the <c>ETag</c> of the answer in its strong form (<see cref="Core.Storage.EntityTags.Strong"/>): the version a
    /// writer sends back as <c>If-Match</c>.
    /// </summary>
    public void SetETag(string etag) => Request.HttpContext.Response.Headers.ETag = Core.Storage.EntityTags.Strong(etag);

    /// <summary>Who writes (the caller) and on which version (If-Match).</summary>
    public WriteContext WriteContext() => new(Caller.ToActor(), IfMatch);

    public static ApiProblemException Forbidden(string detail) => new(403, "Forbidden", detail);

    public static ApiProblemException NotFound(string detail) => new(404, "Not found", detail);

    private ILogger Logger => Get<ILoggerFactory>().CreateLogger("StatusHub.Auth");

    private static ApiProblemException TooManyRequests(string detail, TimeSpan wait) => new(429, "Too many requests", detail, wait);

    private async Task<byte[]> ReadLimitedAsync()
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await Request.Body.ReadAsync(chunk, Aborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > Limits.MaxBodyBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ApiProblemException TooLarge() =>
        new(413, "Payload too large", $"The body may be at most {Limits.MaxBodyBytes / 1024} KiB.");
}
