using StatusHub.Core.Documents;
using System.Text.Json;
using StatusHub.Api.Http;
using StatusHub.Core.Contracts;
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
}

/// <summary>One town of the demo region: the same bodies the API takes.</summary>
public sealed record DemoTown(
    string Slug,
    TownRequest Town,
    StatusRequest Status,
    IReadOnlyList<ServiceListEntryRequest> Services,
    IReadOnlyList<QaItemRequest> Qa,
    IReadOnlyList<UpdateRequest> Updates);

/// <summary>
/// Loads <c>samples/demo</c> into an empty store through the same validation and repository as the API.
/// Never runs in the Production environment, whatever the settings say.
/// </summary>
public sealed class DemoRegionLoader(
    TownRepository towns,
    IHostEnvironment environment,
    Microsoft.Extensions.Options.IOptions<DemoOptions> options,
    TimeProvider time,
    ILogger<DemoRegionLoader> logger) : BackgroundService
{
    private static readonly Actor DemoActor = new("demo", "demo region loader");

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

        var folder = options.Value.Path
            ?? System.IO.Path.Combine(RepositoryRoot.Find(environment.ContentRootPath, Directory.GetCurrentDirectory()) ?? ".", "samples", "demo", "towns");
        try
        {
            await LoadAsync(folder, stoppingToken);
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
        var context = new WriteContext(DemoActor, IfMatch: null);
        foreach (var file in files)
        {
            var demo = JsonSerializer.Deserialize<DemoTown>(await File.ReadAllBytesAsync(file, cancellationToken), DocumentJson.Options)
                ?? throw new JsonException($"{file} is empty.");
            var now = time.GetUtcNow();
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

        return files.Count;
    }
}
