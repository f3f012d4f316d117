using System.Security.Cryptography;
using StatusHub.Core.Storage;

namespace StatusHub.Server.Hosting;

/// <summary>
/// Local development defaults: with no storage configured, start Azurite from the checkout (data under
/// <c>.data/azurite</c>, kept across restarts); in Development, create a local admin key file when none is set.
/// </summary>
internal static class LocalStorage
{
    public static void Configure(WebApplicationBuilder builder)
    {
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var needsAzurite = string.IsNullOrWhiteSpace(storage.ConnectionString) && storage.AccountUri is null;
        var needsAdminKey = builder.Environment.IsDevelopment() && string.IsNullOrEmpty(builder.Configuration["StatusHub:AdminKey"]);
        if (!needsAzurite && !needsAdminKey)
        {
            return;
        }

        var root = RepositoryRoot.Find(builder.Environment.ContentRootPath, Directory.GetCurrentDirectory(), AppContext.BaseDirectory)
            ?? throw new InvalidOperationException(
                $"No storage configured: set {StorageOptions.Section}:ConnectionString or :AccountUri, or run from a StatusHub checkout to use Azurite.");
        var dataFolder = Path.Combine(root, ".data");
        var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
        var logger = loggerFactory.CreateLogger("StatusHub.Server.LocalStorage");

        if (needsAdminKey)
        {
            builder.Configuration["StatusHub:AdminKey"] = LocalAdminKey(dataFolder, logger);
        }

        if (needsAzurite)
        {
            var azurite = AzuriteProcess.StartAsync(root, Path.Combine(dataFolder, "azurite"), logger).GetAwaiter().GetResult();
            builder.Configuration[$"{StorageOptions.Section}:ConnectionString"] = azurite.ConnectionString;
            builder.Services.AddHostedService(_ => new AzuriteLifetime(azurite, loggerFactory));
        }
    }

    /// <summary>The Development admin key, created once with a random secret; only its file path is logged.</summary>
    private static string LocalAdminKey(string dataFolder, ILogger logger)
    {
        var path = Path.Combine(dataFolder, "admin-key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataFolder);
            File.WriteAllText(path, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        logger.LogInformation("Development admin key: in {Path} (set StatusHub:AdminKey to use your own)", path);
        return File.ReadAllText(path).Trim();
    }

    /// <summary>Stops Azurite when the server stops.</summary>
    private sealed class AzuriteLifetime(AzuriteProcess azurite, ILoggerFactory loggerFactory) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            await azurite.DisposeAsync();
            loggerFactory.Dispose();
        }
    }
}
