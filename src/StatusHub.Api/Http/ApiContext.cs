using StatusHub.Core.Documents;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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

    public T Get<T>()
        where T : notnull => Request.HttpContext.RequestServices.GetRequiredService<T>();

    /// <summary>
    /// The caller, or 401 when the bearer key is missing, malformed, unknown, wrong or revoked; 429 with Retry-After
    /// when this client address or key id has failed too often, or the key has used up its write budget.
    /// </summary>
    public async Task<KeyPrincipal> AuthenticateAsync()
    {
        SecurityHeaders.MarkPrivate(Request.HttpContext);
        var header = Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length == scheme.Length)
        {
            throw new ApiProblemException(401, "Authentication required", "Send 'Authorization: Bearer <key>'.");
        }

        var presented = header[scheme.Length..].Trim();
        var keyId = ApiKeys.TryParse(presented, out var id, out _) ? id : null;
        var address = ClientAddress.Of(Request, Get<IOptions<LimitOptions>>().Value.ClientAddressHeader);
        var throttle = Get<AuthThrottle>();
        if (throttle.RefuseAuthentication(address, keyId) is { } wait)
        {
            Logger.LogWarning("Authentication throttled for address {Address} (key id {KeyId}): too many failures", address, keyId ?? "none");
            throw TooManyRequests("Too many failed authentications from this address or for this key: wait before trying again.", wait);
        }

        var principal = await Get<KeyAuthenticator>().AuthenticateAsync(presented, Aborted).ConfigureAwait(false);
        if (principal is null)
        {
            throttle.RecordFailure(address, keyId);
            Logger.LogInformation("Authentication failed from address {Address} (key id {KeyId})", address, keyId ?? "none");
            throw new ApiProblemException(401, "Authentication failed", "The key is not valid or was revoked.");
        }

        if (IsWrite && throttle.RefuseWrite(principal.KeyId) is { } writeWait)
        {
            Logger.LogWarning("Write budget of key {KeyId} used up", principal.KeyId);
            throw TooManyRequests("This key has made too many writes: wait before writing again.", writeWait);
        }

        return principal;
    }

    public async Task<KeyPrincipal> RequireAdminAsync()
    {
        var principal = await AuthenticateAsync().ConfigureAwait(false);
        return principal.IsAdmin ? principal : throw Forbidden("This operation needs an admin key.");
    }

    public async Task<KeyPrincipal> RequireTownWriterAsync(string town)
    {
        var principal = await AuthenticateAsync().ConfigureAwait(false);
        return principal.CanWriteTown(town) ? principal : throw Forbidden($"This key may not write town '{town}'.");
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
            var where = error.Path is { Length: > 0 } path ? $" at {path}" : "";
            var reason = error.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "unknown property" : "malformed or wrongly typed value";
            throw new ApiProblemException(400, "Malformed JSON", $"The body is not valid for this operation: {reason}{where} (line {error.LineNumber + 1}, byte {error.BytePositionInLine}).");
        }
    }

    /// <summary>Every method but GET and HEAD counts against the key's write budget.</summary>
    public bool IsWrite => !HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method);

    public WriteContext WriteContext(KeyPrincipal principal) => new(principal.ToActor(), IfMatch);

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
