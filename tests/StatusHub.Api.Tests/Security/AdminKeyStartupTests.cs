using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Api.Tests.Security;

/// <summary>
/// The server refuses to start with an admin key that is too short or an unresolved platform reference (App Service
/// passes '@Microsoft.KeyVault(...)' through literally when it cannot read the vault: a string derivable from the
/// public host name), with a message that says what to fix and never contains the key. The Functions app's
/// counterpart is in StatusHub.Functions.Tests (WorkerStartupTests).
/// </summary>
public sealed class AdminKeyStartupTests
{
    [Theory]
    [Trait(HostTraits.Name, HostTraits.ServerOnly)] // Starts a server of its own; WorkerStartupTests does the same for the worker.
    [InlineData("short-key-123", "has 13 characters")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv-statushub.vault.azure.net/secrets/statushub-admin-key/)", "unresolved reference")]
    public void The_server_does_not_start_with_an_unusable_admin_key(string adminKey, string reason)
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("StatusHub:Storage:ConnectionString", "UseDevelopmentStorage=true");
            builder.UseSetting("StatusHub:AdminKey", adminKey);
            builder.UseSetting("StatusHub:Demo:Enabled", "false");
        });

        var refused = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.Contains("StatusHub:AdminKey", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(adminKey, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_enough_key_and_no_key_are_accepted()
    {
        Assert.Null(Core.Auth.AuthOptions.Problem(null));
        Assert.Null(Core.Auth.AuthOptions.Problem(""));
        Assert.Null(Core.Auth.AuthOptions.Problem(StatusHubApp.AdminKey));
        Assert.NotNull(Core.Auth.AuthOptions.Problem(new string('x', Core.Auth.AuthOptions.MinAdminKeyLength - 1)));
    }
}
