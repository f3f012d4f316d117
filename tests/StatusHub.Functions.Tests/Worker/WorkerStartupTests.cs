using System.Reflection;
using StatusHub.FunctionsHost;

namespace StatusHub.Functions.Tests.Worker;

/// <summary>The published worker stops at startup with an unusable admin key, and says why (never the key).</summary>
public sealed class WorkerStartupTests
{
    [Fact]
    public async Task The_worker_does_not_start_with_an_unresolved_key_vault_reference_as_admin_key()
    {
        const string reference = "@Microsoft.KeyVault(SecretUri=https://kv-statushub.vault.azure.net/secrets/statushub-admin-key/)";
        var configuration = typeof(WorkerStartupTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BuildConfiguration").Value!;
        var options = new FunctionsTestHostOptions
        {
            AppDirectory = await PublishedApp.EnsureAsync(Checkout.Root, configuration),
            StartupTimeout = TimeSpan.FromSeconds(60),
            Settings = new Dictionary<string, string?>
            {
                ["StatusHub:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
                ["StatusHub:AdminKey"] = reference,
                ["StatusHub:SiteBaseUrl"] = "https://status.example.org/",
            },
        };

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => FunctionsTestHost.StartAsync(options));
        Assert.Contains("StatusHub:AdminKey is an unresolved reference", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("kv-statushub.vault.azure.net", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_worker_does_not_start_in_production_without_the_site_base_url()
    {
        var configuration = typeof(WorkerStartupTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BuildConfiguration").Value!;
        var options = new FunctionsTestHostOptions
        {
            AppDirectory = await PublishedApp.EnsureAsync(Checkout.Root, configuration),
            StartupTimeout = TimeSpan.FromSeconds(60),
            Settings = new Dictionary<string, string?>
            {
                ["StatusHub:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            },
        };

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => FunctionsTestHost.StartAsync(options));
        Assert.Contains("StatusHub:SiteBaseUrl is required in Production", refused.Message, StringComparison.Ordinal);
    }
}
