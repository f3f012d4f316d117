using StatusHub.Core.Validation;
using static StatusHub.Core.Tests.TestSupport;

namespace StatusHub.Core.Tests;

public class ServiceValidationTests
{
    [Theory]
    [InlineData("available", ServiceState.Available)]
    [InlineData("limited", ServiceState.Limited)]
    [InlineData("unavailable", ServiceState.Unavailable)]
    [InlineData("unknown", ServiceState.Unknown)]
    public void Each_state_is_accepted(string wire, ServiceState expected) =>
        Assert.Equal(expected, Validator.Service("email", new ServiceRequest(wire, null, null), "de").State);

    [Theory]
    [InlineData("Available")]
    [InlineData("down")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_states_are_rejected(string? state) =>
        Assert.Equal(["state"], Rejected(() => Validator.Service("email", new ServiceRequest(state, null, null), "de")).Keys);

    [Fact]
    public void Catalogue_id_without_name_is_accepted()
    {
        var entry = Validator.Service("email", new ServiceRequest("unavailable", De("Nicht per E-Mail erreichbar."), null), "de");

        Assert.Equal("email", entry.Id);
        Assert.Null(entry.Name);
        Assert.Equal("Nicht per E-Mail erreichbar.", entry.Note["de"]);
    }

    [Fact]
    public void Catalogue_id_with_name_is_rejected() =>
        Assert.Equal(["name"], Rejected(() => Validator.Service("email", new ServiceRequest("limited", null, De("Mail")), "de")).Keys);

    [Fact]
    public void Unknown_id_without_name_is_rejected_on_name() =>
        Assert.Equal(["name"], Rejected(() => Validator.Service("kita-anmeldung", new ServiceRequest("limited", null, null), "de")).Keys);

    [Fact]
    public void Unknown_id_with_name_is_accepted()
    {
        var entry = Validator.Service("kita-anmeldung", new ServiceRequest("limited", null, Text(("de", "Kita-Anmeldung"), ("en", "Daycare registration"))), "de");

        Assert.Equal("Kita-Anmeldung", entry.Name!["de"]);
        Assert.Equal("Daycare registration", entry.Name["en"]);
    }

    [Theory]
    [InlineData("de", "en")]
    [InlineData("en", "de")]
    public void Custom_name_needs_the_default_language(string defaultLanguage, string otherLanguage) =>
        Assert.Equal([$"name.{defaultLanguage}"], Rejected(() => Validator.Service("kita-anmeldung", new ServiceRequest("limited", null, Text((otherLanguage, "Kita"))), defaultLanguage)).Keys);

    [Fact]
    public void Note_longer_than_limit_is_rejected()
    {
        Assert.Equal(Limits.MaxNote, Validator.Service("email", new ServiceRequest("limited", De(new string('n', Limits.MaxNote)), null), "de").Note["de"].Length);
        Assert.Equal(["note.de"], Rejected(() => Validator.Service("email", new ServiceRequest("limited", De(new string('n', Limits.MaxNote + 1)), null), "de")).Keys);
    }

    [Fact]
    public void Null_body_is_rejected() => Assert.Contains("$", Rejected(() => Validator.Service("email", null, "de")).Keys);

    [Fact]
    public void List_keeps_order_and_accepts_catalogue_and_custom_entries()
    {
        var list = Validator.Services(
            new ServiceListRequest(
            [
                new ServiceListEntryRequest("email", "unavailable", null, null),
                new ServiceListEntryRequest("kita-anmeldung", "limited", null, De("Kita-Anmeldung")),
                new ServiceListEntryRequest("phone", "available", null, null),
            ]),
            "de");

        Assert.Equal(["email", "kita-anmeldung", "phone"], list.Select(s => s.Id));
        Assert.Equal([ServiceState.Unavailable, ServiceState.Limited, ServiceState.Available], list.Select(s => s.State));
    }

    [Fact]
    public void Empty_list_is_accepted() => Assert.Empty(Validator.Services(new ServiceListRequest([]), "de"));

    [Fact]
    public void Missing_list_is_rejected()
    {
        Assert.Equal(["services"], Rejected(() => Validator.Services(null, "de")).Keys);
        Assert.Equal(["services"], Rejected(() => Validator.Services(new ServiceListRequest(null), "de")).Keys);
    }

    [Fact]
    public void Duplicate_ids_in_list_are_rejected_at_the_second_entry()
    {
        var errors = Rejected(() => Validator.Services(
            new ServiceListRequest(
            [
                new ServiceListEntryRequest("email", "unavailable", null, null),
                new ServiceListEntryRequest("phone", "available", null, null),
                new ServiceListEntryRequest("email", "limited", null, null),
            ]),
            "de"));

        Assert.Equal(["services[2].id"], errors.Keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("E-Mail")]
    [InlineData("e")]
    public void Invalid_id_in_list_is_rejected(string? id) =>
        Assert.Equal(["services[0].id"], Rejected(() => Validator.Services(new ServiceListRequest([new ServiceListEntryRequest(id, "limited", null, De("x"))]), "de")).Keys);

    [Fact]
    public void Errors_in_list_carry_the_index()
    {
        var errors = Rejected(() => Validator.Services(
            new ServiceListRequest(
            [
                new ServiceListEntryRequest("email", "unavailable", null, null),
                new ServiceListEntryRequest("kita-anmeldung", "broken", null, null),
                null,
            ]),
            "de"));

        Assert.Equal(["services[1].name", "services[1].state", "services[2]"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void More_than_max_services_is_rejected()
    {
        static ServiceListRequest Of(int count) => new(
            Enumerable.Range(0, count)
                .Select(i => (ServiceListEntryRequest?)new ServiceListEntryRequest($"custom-{i}", "limited", null, De($"Dienst {i}")))
                .ToList());

        Assert.Equal(Limits.MaxServices, Validator.Services(Of(Limits.MaxServices), "de").Count);
        Assert.Equal(["services"], Rejected(() => Validator.Services(Of(Limits.MaxServices + 1), "de")).Keys);
    }
}
