using System.Text.Json;
using System.Text.Json.Nodes;

namespace StatusHub.Cli;

/// <summary>
/// <c>statushub towns import</c>: validates every row of a towns CSV before writing any, then creates or updates each town
/// with <c>PUT /api/v1/towns/{town}</c> (the API says when a town was left as it was), and with <c>--keys</c> writes one new
/// town key per created town to a new owner-only file.
/// </summary>
internal static class TownImport
{
    /// <summary>The label of the keys the import creates (GET /api/v1/keys lists them by it).</summary>
    public const string KeyLabel = "statushub towns import";

    private const string UnchangedHeader = "X-StatusHub-Unchanged";

    public static async Task<int> RunAsync(ApiSession session, string file, string? keysFile, bool dryRun, CancellationToken cancellationToken)
    {
        var error = session.Error;
        byte[] bytes;
        try
        {
            var info = new FileInfo(file);
            if (!info.Exists)
            {
                error.WriteLine($"error: {file}: no such file.");
                return ExitCodes.Usage;
            }

            if (info.Length > TownCsv.MaxBytes)
            {
                error.WriteLine($"error: {file} is larger than {TownCsv.MaxBytes / 1024 / 1024} MiB; split it.");
                return ExitCodes.Usage;
            }

            bytes = await File.ReadAllBytesAsync(file, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot read {file}: {e.Message}");
            return ExitCodes.Usage;
        }

        if (keysFile is not null && (File.Exists(keysFile) || Directory.Exists(keysFile)))
        {
            error.WriteLine($"error: {keysFile} exists; the keys file must be new (keys are never written over an old file). Nothing was written.");
            return ExitCodes.Usage;
        }

        // Neighbours must be towns of the file or of the hub: the hub's list is read (one public GET) only when needed.
        var outside = new HashSet<string>(StringComparer.Ordinal);
        var parsed = TownCsv.Parse(bytes, slug => outside.Add(slug) && false);
        if (outside.Count > 0)
        {
            var list = await session.ExchangeAsync(HttpMethod.Get, "api/v1/towns", null, authenticated: false, cancellationToken);
            if (list.ExitCode != ExitCodes.Success)
            {
                return list.ExitCode;
            }

            // TownListItem is Core's (the storage's list row), not yet a contract type: only the slugs are read.
            var known = (list.Read<JsonObject>()?["towns"] as JsonArray ?? [])
                .Select(t => t?["slug"] is JsonValue value && value.TryGetValue<string>(out var slug) ? slug : null)
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
            parsed = TownCsv.Parse(bytes, known.Contains);
        }

        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                error.WriteLine(problem.Format(file));
            }

            var lines = parsed.Errors.Select(e => e.Line).Distinct().Count();
            error.WriteLine($"{parsed.Errors.Count} error{(parsed.Errors.Count == 1 ? "" : "s")} in {lines} line{(lines == 1 ? "" : "s")} of {file}; nothing was written.");
            return ExitCodes.Usage;
        }

        var rows = parsed.Rows;
        if (dryRun)
        {
            if (!session.Settings.Quiet)
            {
                session.Out.WriteLine($"{file}: {rows.Count} towns valid; dry run, nothing was written.");
            }

            return ExitCodes.Success;
        }

        StreamWriter? keys = null;
        if (keysFile is not null)
        {
            try
            {
                keys = CreateKeysFile(keysFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: cannot create {keysFile}: {e.Message}. Nothing was written.");
                return ExitCodes.Usage;
            }
        }

        var outcome = new Dictionary<string, List<string>>(StringComparer.Ordinal)
        {
            ["created"] = [], ["changed"] = [], ["unchanged"] = [],
        };
        var keysWritten = 0;
        var code = ExitCodes.Success;
        var progress = !session.Settings.Quiet && rows.Count > 10;
        try
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var put = await session.ExchangeAsync(HttpMethod.Put, $"api/v1/towns/{row.Slug}", ApiSession.JsonBody(row.Request), authenticated: true, cancellationToken);
                if (put.ExitCode != ExitCodes.Success)
                {
                    error.WriteLine($"{file}:{row.Line}: town '{row.Slug}' not written; the towns before it are. The import is safe to run again.");
                    code = put.ExitCode;
                    break;
                }

                var what = put.Status == 201 ? "created"
                    : put.Headers.TryGetValue(UnchangedHeader, out var unchanged) && unchanged == "true" ? "unchanged"
                    : "changed";
                outcome[what].Add(row.Slug);
                var line = $"{row.Slug}: {what}";
                if (what == "created" && keys is not null)
                {
                    var body = ApiSession.JsonBody(new KeyRequest("town", row.Slug, null, KeyLabel));
                    var key = await session.ExchangeAsync(HttpMethod.Post, "api/v1/keys", body, authenticated: true, cancellationToken);
                    if (key.ExitCode != ExitCodes.Success || key.Read<CreatedKeyResponse>() is not { Id: { } id, Key: { } secret })
                    {
                        Report(session, line);
                        error.WriteLine($"town '{row.Slug}' was created but got no key: create one with POST /api/v1/keys (a second import sees the town as unchanged and makes none).");
                        code = key.ExitCode == ExitCodes.Success ? ExitCodes.Unexpected : key.ExitCode;
                        break;
                    }

                    // Written and flushed at once: a key the server made is never lost to a later failure.
                    await keys.WriteLineAsync($"{row.Slug},{id},{secret}");
                    keysWritten++;
                    line += $", key {id} in {keysFile}";
                }

                Report(session, line);
                if (progress && (i + 1) % 10 == 0 && i + 1 < rows.Count)
                {
                    error.WriteLine($"import: {i + 1} of {rows.Count} towns …");
                }
            }
        }
        finally
        {
            if (keys is not null)
            {
                await keys.DisposeAsync();
                if (keysWritten == 0)
                {
                    File.Delete(keysFile!);
                }
            }
        }

        var (created, changed, left) = (outcome["created"].Count, outcome["changed"].Count, outcome["unchanged"].Count);
        if (session.Settings.Json)
        {
            var result = new TownImportResult(outcome["created"], outcome["changed"], outcome["unchanged"], keysWritten > 0 ? keysFile : null);
            session.Out.WriteLine(JsonSerializer.Serialize(result, DocumentJson.Options));
        }
        else if (!session.Settings.Quiet || code != ExitCodes.Success)
        {
            var summary = $"{file}: {created + changed + left} of {rows.Count} towns: {created} created, {changed} changed, {left} unchanged";
            summary += created + changed == 0 && code == ExitCodes.Success ? "; nothing was written." : ".";
            if (keysFile is not null)
            {
                summary += keysWritten > 0
                    ? $" {keysWritten} new town key{(keysWritten == 1 ? "" : "s")} in {keysFile} (owner-only; hand each town its own, then delete the file)."
                    : $" No town was created, so no keys; {keysFile} was not written.";
            }

            (code == ExitCodes.Success ? session.Out : error).WriteLine(summary);
        }

        return code;
    }

    private static void Report(ApiSession session, string line)
    {
        if (!session.Settings.Quiet && !session.Settings.Json)
        {
            session.Out.WriteLine(line);
        }
    }

    /// <summary>
    /// Creates the keys file, failing if it exists (never overwrites), readable and writable by its owner only from the
    /// moment it exists: the mode is given to open(2), not set afterwards. On Windows it inherits its folder's ACL.
    /// </summary>
    private static StreamWriter CreateKeysFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options) { AutoFlush = true, NewLine = "\n" };
        writer.WriteLine("town,keyId,key");
        return writer;
    }
}
