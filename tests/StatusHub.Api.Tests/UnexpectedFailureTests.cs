using System.Net;
using Azure.Data.Tables;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Core.Storage;

namespace StatusHub.Api.Tests;

/// <summary>
/// A failure nobody planned for (here a stored row another tool corrupted) is a 500 problem+json on both hosts, with
/// the API's headers and without internals, and it breaks only the resource it touches. Without the API's own
/// handling the Functions host would answer a bare 500 for the failed invocation.
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class UnexpectedFailureTests(StatusHubApp app)
{
    [Fact]
    public async Task A_corrupted_row_is_a_500_problem_without_internals_and_other_towns_still_read()
    {
        var (broken, _) = await Towns.CreateWithKey(app);
        var (healthy, key) = await Towns.CreateWithKey(app);
        await app.Client(key).Put($"/api/v1/towns/{healthy}/status", Towns.Status()).Ok();

        // The head row (TownRows.Head) keeps "AsOf" as a DateTimeOffset; a string there cannot be read back as one.
        var table = new TableClient(app.Azurite.ConnectionString, StatusHubStorage.TownsTable);
        await table.UpsertEntityAsync(new TableEntity(broken, "d|town") { ["AsOf"] = "not a time" }, TableUpdateMode.Merge);

        using var response = await app.Client().GetAsync($"/api/v1/towns/{broken}");
        var problem = await response.Problem(HttpStatusCode.InternalServerError);
        Assert.Equal("urn:statushub:problem:internal-error", problem["type"]!.GetValue<string>());
        Assert.Contains("Trace id", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("AsOf", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

        await app.Client().GetAsync($"/api/v1/towns/{healthy}").Ok();
    }
}
