using System.Globalization;
using System.Text.Json;
using StatusHub.Core.Domain;
using StatusHub.Core.Errors;
using StatusHub.Core.Storage;
using StatusHub.Core.Validation;

namespace StatusHub.Server.Hosting;

/// <summary>Settings of the demo region (<c>StatusHub:Demo</c>).</summary>
public sealed class DemoOptions
{
    /// <summary>Load the demo region on the first start of an empty store (Development only).</summary>
    public bool Enabled { get; set; }

    /// <summary>Folder of town files; default <c>samples/demo/towns</c> in the checkout.</summary>
    public string? Path { get; set; }

    /// <summary>
    /// Folder of the second demo region, loaded after <see cref="Path"/>: <c>towns.csv</c> (the format of
    /// <c>statushub towns import</c>) and <c>status.json</c>; default <c>samples/suedwestfalen</c> in the checkout.
    /// </summary>
    public string? CsvRegionPath { get; set; }
}

/// <summary>The <c>status.json</c> of a CSV demo region: the region's name and the few towns with a status of their own.</summary>
public sealed record DemoCsvRegionStatus(Dictionary<string, string?>? Region, IReadOnlyList<DemoCsvTownStatus> Towns, DemoIncident? Incident = null);

/// <summary>The shared incident over every town of a CSV demo region: its id, the body of <c>PUT /api/v1/incidents/{id}</c> without towns, and its timeline.</summary>
public sealed record DemoIncident(
    string Id, Dictionary<string, string?>? Title, Dictionary<string, string?>? Summary, string? StartedAt, string? MoreInfoUrl, IReadOnlyList<UpdateRequest> Updates);

/// <summary>One town's own status in a CSV demo region: the bodies of <c>PUT …/status</c> and <c>PUT …/services</c>.</summary>
public sealed record DemoCsvTownStatus(string Town, StatusRequest Status, IReadOnlyList<ServiceListEntryRequest> Services);

/// <summary>One town of the demo region: the same bodies the API takes.</summary>
public sealed record DemoTown(
    string Slug,
    TownRequest Town,
    StatusRequest Status,
    IReadOnlyList<ServiceListEntryRequest> Services,
    IReadOnlyList<QaItemRequest> Qa,
    IReadOnlyList<UpdateRequest> Updates,
    IReadOnlyList<DemoAidOffer> Aid);

/// <summary>An aid offer of a demo town: its id and the body of <c>PUT …/aid/{offerId}</c>.</summary>
public sealed record DemoAidOffer(string Id, string? Service, IReadOnlyList<string?>? ForTowns, Dictionary<string, string?>? Note, string? ValidUntil)
{
    public AidOfferRequest ToRequest() => new(Service, ForTowns, Note, ValidUntil);
}

/// <summary>
/// Loads <c>samples/demo</c> into an empty store through the same validation and repository as the API.
/// Never runs in the Production environment, whatever the settings say.
/// </summary>
public sealed class DemoRegionLoader(
    TownRepository towns,
    RegionRepository regions,
    IncidentRepository incidents,
    IHostEnvironment environment,
    Microsoft.Extensions.Options.IOptions<DemoOptions> options,
    TimeProvider time,
    ILogger<DemoRegionLoader> logger) : BackgroundService
{
    private static readonly Actor DemoActor = new("demo", "demo region loader", "admin");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        if (environment.IsProduction())
        {
            logger.LogWarning("StatusHub:Demo:Enabled is ignored in Production: the demo region is never loaded there");
            return;
        }

        var samples = System.IO.Path.Combine(RepositoryRoot.Find(environment.ContentRootPath, Directory.GetCurrentDirectory()) ?? ".", "samples");
        var folder = options.Value.Path ?? System.IO.Path.Combine(samples, "demo", "towns");
        try
        {
            if (await LoadAsync(folder, stoppingToken) > 0)
            {
                await LoadCsvRegionAsync(options.Value.CsvRegionPath ?? System.IO.Path.Combine(samples, "suedwestfalen"), stoppingToken);
            }
        }
        catch (StorageUnavailableException)
        {
            logger.LogError("Storage unavailable: the demo region was not loaded; it will be tried again on the next start");
        }
        catch (Exception error) when (error is ValidationFailedException or JsonException or IOException)
        {
            logger.LogError(error, "The demo region in {Folder} could not be loaded", folder);
        }
    }

    /// <summary>Loads every town file of <paramref name="folder"/> unless the store already holds towns; returns the number loaded.</summary>
    public async Task<int> LoadAsync(string folder, CancellationToken cancellationToken)
    {
        if ((await towns.ListAsync(cancellationToken)).Count > 0)
        {
            logger.LogInformation("The store already holds towns: the demo region is not loaded");
            return 0;
        }

        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        logger.LogInformation("Loading the demo region: {Count} towns from {Folder}", files.Count, folder);
        var demos = new List<DemoTown>();
        foreach (var file in files)
        {
            demos.Add(JsonSerializer.Deserialize<DemoTown>(await File.ReadAllBytesAsync(file, cancellationToken), DocumentJson.Options)
                ?? throw new JsonException($"{file} is empty."));
        }

        // The demo is a live crisis: its timestamps are moved so that the newest is an hour ago.
        var now = time.GetUtcNow();
        var shift = now.AddHours(-1) - demos.SelectMany(Timestamps).Max();
        var context = new WriteContext(DemoActor, IfMatch: null);
        foreach (var original in demos)
        {
            var demo = Shifted(original, shift);
            await towns.PutTownAsync(Validator.Town(Validator.RequireSlug("slug", demo.Slug), demo.Town), context, cancellationToken);
            await towns.PutStatusAsync(demo.Slug, p => Validator.Status(demo.Status, p.DefaultLanguage, now), context, cancellationToken);
            await towns.ReplaceServicesAsync(demo.Slug, p => Validator.Services(new ServiceListRequest(demo.Services), p.DefaultLanguage), context, cancellationToken);
            await towns.ReplaceQaAsync(demo.Slug, p => Validator.Qa(new QaRequest(demo.Qa), p.DefaultLanguage), context, cancellationToken);
            foreach (var update in demo.Updates)
            {
                await towns.AddUpdateAsync(demo.Slug, p => Validator.Update(update, p.DefaultLanguage, now), null, context, cancellationToken);
            }

            logger.LogInformation("Demo town {Town} loaded", demo.Slug);
        }

        // Every demo offer is accepted by the demo towns it is for, so the demo shows help (and the gaps left).
        foreach (var demo in demos)
        {
            foreach (var offer in demo.Aid)
            {
                var written = await towns.PutAidAsync(
                    demo.Slug, p => Validator.AidOffer(demo.Slug, Validator.RequireSlug("id", offer.Id), offer.ToRequest(), p.DefaultLanguage, now), context, cancellationToken);
                var provider = await towns.GetProfileAsync(demo.Slug, cancellationToken)
                    ?? throw new InvalidOperationException($"Demo town {demo.Slug} vanished while loading.");
                foreach (var receiver in written.Value.Receivers(provider).Where(r => demos.Any(d => d.Slug == r)))
                {
                    await towns.AcceptAidAsync(receiver, new AidAcceptance(demo.Slug, written.Value.Id, written.Value.Terms, now, "admin"), context, cancellationToken);
                }
            }
        }

        return files.Count;
    }

    /// <summary>
    /// Loads a region from <c>towns.csv</c> (every row checked by <see cref="TownCsv"/>, as <c>statushub towns import</c>
    /// does, before any is written) and, from <c>status.json</c>, names it, adds the shared incident over all its towns
    /// and sets the own status of a few; the times are moved so that the newest is two hours ago. Writes only what differs, so loading twice changes nothing. Returns the
    /// number of towns in the file.
    /// </summary>
    public async Task<int> LoadCsvRegionAsync(string folder, CancellationToken cancellationToken)
    {
        var file = TownCsv.Parse(await File.ReadAllBytesAsync(System.IO.Path.Combine(folder, "towns.csv"), cancellationToken));
        if (file.Errors.Count > 0)
        {
            throw new ValidationFailedException(file.Errors
                .GroupBy(e => $"towns.csv:{e.Line}:{e.Column}")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal));
        }

        var statusFile = System.IO.Path.Combine(folder, "status.json");
        var demo = File.Exists(statusFile)
            ? JsonSerializer.Deserialize<DemoCsvRegionStatus>(await File.ReadAllBytesAsync(statusFile, cancellationToken), DocumentJson.Options)
            : null;
        var context = new WriteContext(DemoActor, IfMatch: null);

        // A few writers at once: 70 towns in about a second on the emulator, without holding up the server's start.
        var written = 0;
        await Parallel.ForEachAsync(file.Rows, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (row, token) =>
        {
            var put = await towns.PutTownAsync(Validator.Town(row.Slug, row.Request), context, token);
            if (!put.Value.Unchanged)
            {
                Interlocked.Increment(ref written);
            }
        });

        if (demo is not null)
        {
            var region = file.Rows[0].Request.Region!;
            if (demo.Region is { Count: > 0 } name && (await regions.GetAsync(region, cancellationToken)).Name.Count == 0)
            {
                await regions.PutAsync(Validator.Region(region, new RegionRequest(name)), context, cancellationToken);
            }

            var now = time.GetUtcNow();
            var newest = demo.Towns.Select(t => t.Status.AsOf)
                .Concat(demo.Incident?.Updates.Select(u => u.At) ?? [])
                .OfType<string>().Select(Parse).DefaultIfEmpty(now).Max();
            var shift = now.AddHours(-2) - newest;
            string? Move(string? value) => value is null ? null : Parse(value).Add(shift).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

            // The shared incident over all towns of the file, with its timeline, unless it is there already.
            if (demo.Incident is { } shared && await incidents.GetAsync(shared.Id, cancellationToken) is null)
            {
                var request = new IncidentRequest(shared.Title, shared.Summary, file.Rows.Select(r => (string?)r.Slug).ToList(), Move(shared.StartedAt), null, shared.MoreInfoUrl);
                await incidents.PutAsync(Validator.Incident(Validator.RequireSlug("id", shared.Id), request, now), context, _ => true, cancellationToken);
                foreach (var update in shared.Updates)
                {
                    var (text, at) = Validator.Update(update with { At = Move(update.At) }, Validator.IncidentLanguage, now);
                    await incidents.AddUpdateAsync(shared.Id, text, at, null, context, _ => true, cancellationToken);
                }
            }

            foreach (var own in demo.Towns)
            {
                if (await towns.GetAsync(own.Town, cancellationToken) is { } snapshot && snapshot.Status.AsOf is not null)
                {
                    continue;
                }

                var status = own.Status with { AsOf = Move(own.Status.AsOf) };
                await towns.PutStatusAsync(own.Town, p => Validator.Status(status, p.DefaultLanguage, now), context, cancellationToken);
                await towns.ReplaceServicesAsync(own.Town, p => Validator.Services(new ServiceListRequest(own.Services), p.DefaultLanguage), context, cancellationToken);
            }
        }

        logger.LogInformation("Demo region from {Folder}: {Count} towns, {Written} written", folder, file.Rows.Count, written);
        return file.Rows.Count;
    }

    private static IEnumerable<DateTimeOffset> Timestamps(DemoTown demo) =>
        demo.Updates.Select(u => u.At).Append(demo.Status.AsOf).OfType<string>().Select(Parse);

    private static DemoTown Shifted(DemoTown demo, TimeSpan shift)
    {
        string? Move(string? value) => value is null ? null : Parse(value).Add(shift).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        return demo with
        {
            Status = demo.Status with { AsOf = Move(demo.Status.AsOf) },
            Updates = demo.Updates.Select(u => u with { At = Move(u.At) }).ToList(),
        };
    }

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);
}
