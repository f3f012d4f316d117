namespace StatusHub.Core.Storage;

/// <summary>Where the tables live: a connection string (Azurite, tests) or an account URI with managed identity (Azure).</summary>
public sealed class StorageOptions
{
    public const string Section = "StatusHub:Storage";

    /// <summary>Azure Storage connection string; wins over <see cref="AccountUri"/> when both are set.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account's blob or table endpoint (https://{account}.blob.core.windows.net); used with DefaultAzureCredential.</summary>
    public Uri? AccountUri { get; set; }

    /// <summary>Total time one storage operation may take, retries included (then 503 with Retry-After).</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Time one attempt may take before it is abandoned and retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMilliseconds(1500);
}
