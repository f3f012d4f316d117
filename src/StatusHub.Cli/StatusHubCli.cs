using System.CommandLine;

namespace StatusHub.Cli;

/// <summary>The <c>statushub</c> command line: parsing (System.CommandLine), then one API call per command.</summary>
public static class StatusHubCli
{
    private const string ExitCodeHelp = """
        Environment:
          STATUSHUB_URL   server URL (default http://localhost:5080); --url overrides it
          STATUSHUB_TOWN  town slug; --town overrides it (not used by `towns import` and `incident`)
          STATUSHUB_KEY   API key of the town (or admin, or provider); read only from here, never printed

        Exit codes:
          0  success
          1  unexpected answer (e.g. 500)
          2  usage error, missing STATUSHUB_KEY or town, unreadable file, import file with errors: nothing was written
          3  rejected by the API (4xx problem details: title, detail and each field error on stderr)
          4  precondition failed (412): someone else changed this; run `statushub status get` and retry
          5  temporarily unavailable (429/502/503/504): retry after the printed Retry-After, or use --retry
          6  cannot reach the server
          130 interrupted (Ctrl+C)
        """;

    /// <summary>Runs the client with <paramref name="args"/> and returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment env, CancellationToken cancellationToken = default)
    {
        var root = Build(env);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            foreach (var error in parsed.Errors)
            {
                env.Error.WriteLine($"error: {Redact(error.Message, args, env)}");
            }

            if (args.Any(a => KeyOptionNames.Any(o => a.StartsWith(o, StringComparison.OrdinalIgnoreCase))))
            {
                env.Error.WriteLine($"The key is never a command-line argument (it would show in the process list and shell history): export {CliSettings.KeyVariable}.");
            }

            env.Error.WriteLine("Run `statushub --help` (or `statushub <command> --help`) for usage.");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = env.Out,
            Error = env.Error,
            // A bug: System.CommandLine prints the exception (never holding the key) and exits 1, "unexpected".
            EnableDefaultExceptionHandler = true,
            ProcessTerminationTimeout = env.HandleProcessTermination ? TimeSpan.FromSeconds(2) : null,
        };
        return await parsed.InvokeAsync(invocation, cancellationToken);
    }

    private static readonly string[] KeyOptionNames = ["--key", "--api-key", "--token"];

    /// <summary>
    /// Parse errors echo unknown arguments; a key given by mistake as an argument (or the value of STATUSHUB_KEY) is
    /// replaced by <c>***</c> before anything is printed.
    /// </summary>
    private static string Redact(string message, string[] args, CliEnvironment env)
    {
        var secrets = new List<string>();
        if (env.GetVariable(CliSettings.KeyVariable)?.Trim() is { Length: > 0 } key)
        {
            secrets.Add(key);
        }

        for (var i = 0; i < args.Length; i++)
        {
            foreach (var name in KeyOptionNames)
            {
                if (args[i].Equals(name, StringComparison.OrdinalIgnoreCase) && i + 1 < args.Length)
                {
                    secrets.Add(args[i + 1]);
                }
                else if (args[i].StartsWith(name, StringComparison.OrdinalIgnoreCase) && args[i].Length > name.Length + 1)
                {
                    secrets.Add(args[i][(name.Length + 1)..]);
                }
            }
        }

        foreach (var secret in secrets.Where(s => s.Length > 0).OrderByDescending(s => s.Length))
        {
            message = message.Replace(secret, "***", StringComparison.Ordinal);
        }

        return message;
    }

    private static RootCommand Build(CliEnvironment env)
    {
        var global = new GlobalOptions();
        var root = new RootCommand("StatusHub command-line client: publish a town's status from scripts; onboard towns and write shared incidents.\n\n" + ExitCodeHelp);
        global.AddTo(root);

        root.Add(StatusCommand(env, global));
        root.Add(ServiceCommand(env, global));
        root.Add(QaCommand(env, global));
        root.Add(UpdateCommand(env, global));
        root.Add(AidCommand(env, global));
        root.Add(TownsCommand(env, global));
        root.Add(IncidentCommand(env, global));
        return root;
    }

    private static Command StatusCommand(CliEnvironment env, GlobalOptions global)
    {
        var get = new Command("get", "Show the town's published status (GET /api/v1/towns/{town}, no key needed) and its ETag.");
        get.SetAction((result, ct) => Run(env, global, result, needsKey: false, ct, session =>
            // The town document read as its status part (level, headline, summary, asOf, moreInfoUrl).
            session.SendAsync<TownStatus>(HttpMethod.Get, session.Settings.TownPath(), null, authenticated: false, (status, etag) =>
            {
                var language = session.Settings.Language;
                var line = $"{session.Settings.Town}: level {status?.Level.ToWire()}";
                if (ApiSession.Localized(status?.Headline, language) is { Length: > 0 } headline)
                {
                    line += $", \"{headline}\"";
                }

                if (ApiSession.Timestamp(status?.AsOf) is { } asOf)
                {
                    line += $", as of {asOf}";
                }

                return etag is null ? line : $"{line}, ETag {etag}";
            }, ct)));

        var level = new Option<string>("--level") { Description = "normal | disrupted | emergency | offline", Required = true };
        var headline = new Option<string?>("--headline") { Description = "Headline in the --lang language (required by the API)" };
        var headlineEn = new Option<string?>("--headline-en") { Description = "English headline" };
        var summary = new Option<string?>("--summary") { Description = "Summary in the --lang language" };
        var summaryEn = new Option<string?>("--summary-en") { Description = "English summary" };
        var asOf = new Option<string?>("--as-of") { Description = "ISO 8601 time with offset (default: the time of the write)" };
        var moreInfo = new Option<string?>("--more-info") { Description = "https:// link to more information" };
        var ifMatch = IfMatchOption();
        var set = new Command("set", "Replace the town's status (PUT /api/v1/towns/{town}/status). Sends exactly the fields given: "
            + "what is left out is cleared, and the API validates (exit 3 with the field errors).")
        {
            level, headline, headlineEn, summary, summaryEn, asOf, moreInfo, ifMatch,
        };
        set.SetAction((result, ct) => Run(env, global, result, needsKey: true, ct, session =>
        {
            var language = session.Settings.Language;
            var body = new StatusRequest(
                result.GetValue(level),
                Localized(language, result.GetValue(headline), result.GetValue(headlineEn)),
                Localized(language, result.GetValue(summary), result.GetValue(summaryEn)),
                result.GetValue(asOf),
                result.GetValue(moreInfo));
            return session.SendAsync<TownStatus>(HttpMethod.Put, session.Settings.TownPath("/status"), ApiSession.JsonBody(body), authenticated: true,
                (status, etag) => $"{session.Settings.Town}: level {status?.Level.ToWire()}{ETagText(etag)}",
                ct, result.GetValue(ifMatch));
        }));

        return new Command("status", "Read or set the town's status level, headline and summary.") { get, set };
    }

    private static Command ServiceCommand(CliEnvironment env, GlobalOptions global)
    {
        var service = new Argument<string>("service") { Description = "Service id from the catalogue (GET /api/v1/services), e.g. email" };
        var state = new Argument<string>("state") { Description = "available | limited | unavailable | unknown" };
        var note = new Option<string?>("--note") { Description = "Note in the --lang language" };
        var noteEn = new Option<string?>("--note-en") { Description = "English note" };
        var name = new Option<string?>("--name") { Description = "Name in the --lang language (only for a custom service id)" };
        var ifMatch = IfMatchOption();
        var set = new Command("set", "Set one service's state (PUT /api/v1/towns/{town}/services/{service}).")
        {
            service, state, note, noteEn, name, ifMatch,
        };
        set.SetAction((result, ct) => Run(env, global, result, needsKey: true, ct, session =>
        {
            var id = result.GetRequiredValue(service);
            if (!TownRules.IsSlug(id))
            {
                return Task.FromResult(Usage(session, $"'{id}' is not a service id (lower-case letters, digits and single hyphens)."));
            }

            var language = session.Settings.Language;
            var body = new ServiceRequest(
                result.GetRequiredValue(state),
                Localized(language, result.GetValue(note), result.GetValue(noteEn)),
                Localized(language, result.GetValue(name), null));
            return session.SendAsync<ServiceView>(HttpMethod.Put, session.Settings.TownPath($"/services/{id}"), ApiSession.JsonBody(body), authenticated: true,
                (written, etag) => $"{session.Settings.Town}: service {written?.Id ?? id} {written?.State.ToWire()}{ETagText(etag)}",
                ct, result.GetValue(ifMatch));
        }));

        return new Command("service", "Set the state of the town's services.") { set };
    }

    private static Command QaCommand(CliEnvironment env, GlobalOptions global)
    {
        var file = new Argument<string>("file")
        {
            Description = "JSON in the API's shape ({\"items\":[{\"id\",\"question\",\"answer\"}]} or just the array), "
                + "or Markdown (.md): '## Question {#id}' headings, the answer below each, in the --lang language",
        };
        var ifMatch = IfMatchOption();
        var push = new Command("push", "Replace the town's whole Q&A list from a file (PUT /api/v1/towns/{town}/qa).") { file, ifMatch };
        push.SetAction((result, ct) => Run(env, global, result, needsKey: true, ct, session =>
        {
            var (json, error) = QaFile.Load(result.GetRequiredValue(file), session.Settings.Language);
            if (json is null)
            {
                return Task.FromResult(Usage(session, error!));
            }

            return session.SendAsync<QaResponse>(HttpMethod.Put, session.Settings.TownPath("/qa"), json, authenticated: true,
                (qa, etag) => $"{session.Settings.Town}: {qa?.Items.Count ?? 0} questions published{ETagText(etag)}",
                ct, result.GetValue(ifMatch));
        }));

        return new Command("qa", "Publish the town's questions and answers.") { push };
    }

    private static Command UpdateCommand(CliEnvironment env, GlobalOptions global)
    {
        var text = new Option<string?>("--text") { Description = "Update text in the --lang language (small Markdown subset allowed)" };
        var textEn = new Option<string?>("--text-en") { Description = "English text" };
        var at = new Option<string?>("--at") { Description = "ISO 8601 time with offset (default: the time of the write)" };
        var idempotencyKey = new Option<string?>("--idempotency-key")
        {
            Description = "Idempotency-Key header (default: a new GUID, printed); a retry with the same key and text never adds a second update",
        };
        var ifMatch = IfMatchOption();
        var add = new Command("add", "Add an update to the town's timeline (POST /api/v1/towns/{town}/updates).") { text, textEn, at, idempotencyKey, ifMatch };
        add.SetAction((result, ct) => Run(env, global, result, needsKey: true, ct, session =>
        {
            var key = result.GetValue(idempotencyKey) ?? Guid.NewGuid().ToString();
            var language = session.Settings.Language;
            var body = new UpdateRequest(Localized(language, result.GetValue(text), result.GetValue(textEn)), result.GetValue(at));
            return session.SendAsync<TimelineUpdate>(HttpMethod.Post, session.Settings.TownPath("/updates"), ApiSession.JsonBody(body), authenticated: true,
                (update, etag) => $"{session.Settings.Town}: update {update?.Id} at {ApiSession.Timestamp(update?.At)} (Idempotency-Key {key}){ETagText(etag)}",
                ct, result.GetValue(ifMatch), [("Idempotency-Key", key)],
                afterFailure: $"The update may or may not have been stored: retry with --idempotency-key {key} to never add it twice.");
        }));

        return new Command("update", "Add updates to the town's timeline.") { add };
    }

    private static Command AidCommand(CliEnvironment env, GlobalOptions global)
    {
        var service = new Option<string>("--service") { Description = "Service id the town offers to others, e.g. vehicle-registration", Required = true };
        var id = new Option<string?>("--id") { Description = "Offer id (default: the service id, one offer per service)" };
        var forTowns = new Option<string[]>("--for")
        {
            Description = "Town slugs the offer is for, comma-separated or repeated (default: all neighbours of the town)",
            AllowMultipleArgumentsPerToken = false,
        };
        var note = new Option<string?>("--note") { Description = "Note in the --lang language (required by the API)" };
        var noteEn = new Option<string?>("--note-en") { Description = "English note" };
        var validUntil = new Option<string?>("--valid-until") { Description = "ISO 8601 time with offset after which the offer ends" };
        var ifMatch = IfMatchOption();
        var offer = new Command("offer", "Offer a service to other towns (PUT /api/v1/towns/{town}/aid/{id}).")
        {
            service, id, forTowns, note, noteEn, validUntil, ifMatch,
        };
        offer.SetAction((result, ct) => Run(env, global, result, needsKey: true, ct, session =>
        {
            var serviceId = result.GetRequiredValue(service);
            var offerId = result.GetValue(id) ?? serviceId;
            if (!TownRules.IsSlug(offerId))
            {
                return Task.FromResult(Usage(session, $"'{offerId}' is not an offer id (lower-case letters, digits and single hyphens); give --id."));
            }

            var towns = (result.GetValue(forTowns) ?? [])
                .SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToList();
            var language = session.Settings.Language;
            var body = new AidOfferRequest(
                serviceId,
                towns.Count == 0 ? null : towns,
                Localized(language, result.GetValue(note), result.GetValue(noteEn)),
                result.GetValue(validUntil));
            return session.SendAsync<AidOffer>(HttpMethod.Put, session.Settings.TownPath($"/aid/{offerId}"), ApiSession.JsonBody(body), authenticated: true,
                (written, etag) =>
                {
                    var to = written?.ForTowns is { Count: > 0 } list ? string.Join(", ", list) : "all neighbours";
                    return $"{session.Settings.Town}: aid offer {written?.Id ?? offerId} ({written?.Service ?? serviceId}) for {to}{ETagText(etag)}";
                },
                ct, result.GetValue(ifMatch));
        }));

        // The receiving side: an offer helps this town only once it accepts it (API.md, Mutual aid).
        var provider = new Argument<string>("provider") { Description = "Slug of the town that makes the offer" };
        var offerIdArgument = new Argument<string>("offer-id") { Description = "The offer's id (GET /api/v1/towns/{town}/aid lists them)" };
        var accept = new Command("accept", "Accept another town's offer, so that it helps this town (PUT /api/v1/towns/{town}/accepted-aid/{provider}/{offer-id}).")
        {
            provider, offerIdArgument,
        };
        accept.SetAction((result, ct) => Run(env, global, result, needsKey: true, ct, session =>
        {
            var from = result.GetRequiredValue(provider);
            var offerId = result.GetRequiredValue(offerIdArgument);
            return session.SendAsync(HttpMethod.Put, session.Settings.TownPath($"/accepted-aid/{Uri.EscapeDataString(from)}/{Uri.EscapeDataString(offerId)}"), "{}", authenticated: true,
                etag => $"{session.Settings.Town}: accepted offer {offerId} of {from}{ETagText(etag)}", ct);
        }));
        var withdraw = new Command("withdraw", "Withdraw this town's acceptance of an offer (DELETE …/accepted-aid/{provider}/{offer-id}).")
        {
            provider, offerIdArgument,
        };
        withdraw.SetAction((result, ct) => Run(env, global, result, needsKey: true, ct, session =>
        {
            var from = result.GetRequiredValue(provider);
            var offerId = result.GetRequiredValue(offerIdArgument);
            return session.SendAsync(HttpMethod.Delete, session.Settings.TownPath($"/accepted-aid/{Uri.EscapeDataString(from)}/{Uri.EscapeDataString(offerId)}"), null, authenticated: true,
                etag => $"{session.Settings.Town}: withdrew acceptance of offer {offerId} of {from}{ETagText(etag)}", ct);
        }));

        return new Command("aid", "Offer mutual aid to other towns, and accept the offers made to this town.") { offer, accept, withdraw };
    }

    private static Command TownsCommand(CliEnvironment env, GlobalOptions global)
    {
        var file = new Argument<string>("towns.csv")
        {
            Description = "CSV with the header slug,name,region,ags,phone,website,lat,lon,neighbours (RFC 4180, UTF-8; neighbours "
                + "separated by ';' or spaces, each a town of the file or of the hub)",
        };
        var keys = new Option<string?>("--keys")
        {
            Description = "Write one new town key per created town to this NEW file (town,keyId,key; mode 0600; an existing file is refused)",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only validate the file; write nothing" };
        var import = new Command("import", "Create or update towns from a CSV (admin key): every row is validated before any is written; "
            + "then PUT /api/v1/towns/{town} per row, printing created, changed or unchanged.")
        {
            file, keys, dryRun,
        };
        import.SetAction((result, ct) => Run(env, global, result, needsKey: true, ct,
            session => TownImport.RunAsync(session, result.GetRequiredValue(file), result.GetValue(keys), result.GetValue(dryRun), ct),
            needsTown: false));

        return new Command("towns", "Onboard towns in bulk (admin).") { import };
    }

    private static Command IncidentCommand(CliEnvironment env, GlobalOptions global)
    {
        var id = new Argument<string>("id") { Description = "The incident's id, a slug, e.g. suedwestfalen-it-2023" };
        var titleDe = new Option<string?>("--title-de") { Description = "German title (required by the API)" };
        var titleEn = new Option<string?>("--title-en") { Description = "English title" };
        var summaryDe = new Option<string?>("--summary-de") { Description = "German summary" };
        var summaryEn = new Option<string?>("--summary-en") { Description = "English summary" };
        var towns = new Option<string[]>("--towns")
        {
            Description = "Member town slugs, comma-separated or repeated",
            AllowMultipleArgumentsPerToken = false,
        };
        var townsFile = new Option<string?>("--towns-file") { Description = "A CSV with a slug column (e.g. the towns.csv of `towns import`): its slugs are the member towns" };
        var startedAt = new Option<string?>("--started-at") { Description = "ISO 8601 time with offset when the incident began (required by the API)" };
        var resolvedAt = new Option<string?>("--resolved-at") { Description = "ISO 8601 time with offset when it was resolved" };
        var moreInfo = new Option<string?>("--more-info-url") { Description = "https:// link to more information" };
        var ifMatch = new Option<string?>("--if-match") { Description = "Only write if the incident is still at this ETag; else exit 4" };
        var set = new Command("set", "Create or replace a shared incident (PUT /api/v1/incidents/{id}); admin or a provider key owning every town. "
            + "Sends exactly the fields given: what is left out is cleared.")
        {
            id, titleDe, titleEn, summaryDe, summaryEn, towns, townsFile, startedAt, resolvedAt, moreInfo, ifMatch,
        };
        set.SetAction((result, ct) => Run(env, global, result, needsKey: true, ct, session =>
        {
            var incident = result.GetRequiredValue(id);
            if (!TownRules.IsSlug(incident))
            {
                return Task.FromResult(Usage(session, $"'{incident}' is not an incident id (lower-case letters, digits and single hyphens)."));
            }

            var members = (result.GetValue(towns) ?? [])
                .SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToList();
            if (result.GetValue(townsFile) is { } file)
            {
                if (members.Count > 0)
                {
                    return Task.FromResult(Usage(session, "give --towns or --towns-file, not both."));
                }

                var (slugs, error) = ReadTownSlugs(file);
                if (slugs is null)
                {
                    return Task.FromResult(Usage(session, error!));
                }

                members = slugs;
            }

            var body = new IncidentRequest(
                Localized("de", result.GetValue(titleDe), result.GetValue(titleEn)),
                Localized("de", result.GetValue(summaryDe), result.GetValue(summaryEn)),
                members.Count == 0 ? null : members,
                result.GetValue(startedAt),
                result.GetValue(resolvedAt),
                result.GetValue(moreInfo));
            return session.SendAsync<IncidentDocument>(HttpMethod.Put, $"api/v1/incidents/{incident}", ApiSession.JsonBody(body), authenticated: true,
                (written, etag) =>
                {
                    var count = written?.Towns.Count ?? 0;
                    var state = ApiSession.Timestamp(written?.ResolvedAt) is { } resolved ? $"resolved {resolved}" : "open";
                    return $"{incident}: incident with {count} towns, {state}{ETagText(etag)}";
                },
                ct, result.GetValue(ifMatch));
        }, needsTown: false));

        var textDe = new Option<string?>("--text-de") { Description = "German text (required by the API; small Markdown subset allowed)" };
        var textEn = new Option<string?>("--text-en") { Description = "English text" };
        var at = new Option<string?>("--at") { Description = "ISO 8601 time with offset (default: the time of the write)" };
        var idempotencyKey = new Option<string?>("--idempotency-key")
        {
            Description = "Idempotency-Key header (default: a new GUID, printed); a retry with the same key and text never adds a second update",
        };
        var updateIfMatch = new Option<string?>("--if-match") { Description = "Only write if the incident is still at this ETag; else exit 4" };
        var update = new Command("update", "Add an update to the incident's timeline (POST /api/v1/incidents/{id}/updates); shown on every member town's page.")
        {
            id, textDe, textEn, at, idempotencyKey, updateIfMatch,
        };
        update.SetAction((result, ct) => Run(env, global, result, needsKey: true, ct, session =>
        {
            var incident = result.GetRequiredValue(id);
            if (!TownRules.IsSlug(incident))
            {
                return Task.FromResult(Usage(session, $"'{incident}' is not an incident id (lower-case letters, digits and single hyphens)."));
            }

            var key = result.GetValue(idempotencyKey) ?? Guid.NewGuid().ToString();
            var body = new UpdateRequest(Localized("de", result.GetValue(textDe), result.GetValue(textEn)), result.GetValue(at));
            return session.SendAsync<TimelineUpdate>(HttpMethod.Post, $"api/v1/incidents/{incident}/updates", ApiSession.JsonBody(body), authenticated: true,
                (update, etag) => $"{incident}: update {update?.Id} at {ApiSession.Timestamp(update?.At)} (Idempotency-Key {key}){ETagText(etag)}",
                ct, result.GetValue(updateIfMatch), [("Idempotency-Key", key)],
                afterFailure: $"The update may or may not have been stored: retry with --idempotency-key {key} to never add it twice.");
        }, needsTown: false));

        return new Command("incident", "Write a shared incident over many towns (admin or provider key).") { set, update };
    }

    /// <summary>The slugs of a CSV's <c>slug</c> column (the towns.csv of <c>towns import</c>), or why not.</summary>
    private static (List<string>? Slugs, string? Error) ReadTownSlugs(string file)
    {
        byte[] bytes;
        try
        {
            if (new FileInfo(file) is { Exists: true, Length: > TownCsv.MaxBytes })
            {
                return (null, $"{file} is larger than {TownCsv.MaxBytes / 1024 / 1024} MiB.");
            }

            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot read {file}: {e.Message}");
        }

        var (slugs, errors) = TownCsv.ReadSlugs(bytes);
        return errors.Count > 0 ? (null, string.Join(Environment.NewLine + "  ", errors.Select(e => e.Format(file)))) : (slugs.ToList(), null);
    }

    private static Option<string?> IfMatchOption() => new("--if-match")
    {
        Description = "Only write if the town is still at this ETag (from `status get` or the last write); else exit 4",
    };

    /// <summary>Resolves the settings (exit 2 when they are incomplete) and runs one API call.</summary>
    private static async Task<int> Run(
        CliEnvironment env, GlobalOptions global, ParseResult result, bool needsKey, CancellationToken cancellationToken,
        Func<ApiSession, Task<int>> call, bool needsTown = true)
    {
        var settings = CliSettings.Resolve(
            env,
            result.GetValue(global.Url),
            result.GetValue(global.Town),
            result.GetValue(global.Language) ?? "de",
            result.GetValue(global.Json),
            result.GetValue(global.Quiet),
            result.GetValue(global.Retry),
            result.GetValue(global.ETag),
            needsKey,
            needsTown);
        if (settings is null)
        {
            return ExitCodes.Usage;
        }

        using var session = new ApiSession(settings, env);
        try
        {
            return await call(session);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            env.Error.WriteLine("interrupted: the request may or may not have reached the server.");
            return ExitCodes.Interrupted;
        }
    }

    private static int Usage(ApiSession session, string message)
    {
        session.Error.WriteLine($"error: {message}");
        return ExitCodes.Usage;
    }

    private static string ETagText(string? etag) => etag is null ? "" : $", ETag {etag}";

    /// <summary>A localized text object from the --lang text and the English text; null when neither is given.</summary>
    private static Dictionary<string, string?>? Localized(string language, string? text, string? english)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (text is not null)
        {
            result[language] = text;
        }

        if (english is not null)
        {
            result["en"] = english;
        }

        return result.Count == 0 ? null : result;
    }

    /// <summary>The options every command takes (recursive from the root).</summary>
    private sealed class GlobalOptions
    {
        public Option<string?> Url { get; } = new("--url") { Description = "Server URL (default: $STATUSHUB_URL, else http://localhost:5080)", Recursive = true };

        public Option<string?> Town { get; } = new("--town") { Description = "Town slug (default: $STATUSHUB_TOWN)", Recursive = true };

        public Option<string?> Language { get; } = new("--lang")
        {
            Description = "Language of --headline, --summary, --note, --text and Markdown Q&A (default: de, the usual defaultLanguage)",
            Recursive = true,
        };

        public Option<bool> Json { get; } = new("--json") { Description = "Print the raw JSON response on stdout", Recursive = true };

        public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print nothing on success (errors still go to stderr)", Recursive = true };

        public Option<bool> ETag { get; } = new("--etag")
        {
            Description = "Print only the ETag of the answer on stdout, e.g. ETAG=$(statushub status get --etag) for --if-match",
            Recursive = true,
        };

        public Option<int> Retry { get; } = new("--retry")
        {
            Description = "Retry up to N times on 429/502/503/504 or no connection, waiting the server's Retry-After (default 0)",
            Recursive = true,
        };

        public void AddTo(RootCommand root)
        {
            root.Add(ETag);
            root.Add(Retry);
            root.Add(Url);
            root.Add(Town);
            root.Add(Language);
            root.Add(Json);
            root.Add(Quiet);
        }
    }
}
