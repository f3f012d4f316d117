using StatusHub.Core.Domain;
using StatusHub.Core.Rendering.Html;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>
/// Issue 19 "What a citizen sees first": the channels a citizen asks about first stand right under the headline and
/// the Stand, before any prose, each with its state in words, its symbol, the number to call and who helps.
/// </summary>
public class TownPageGlanceTests
{
    [Fact]
    public async Task Glance_follows_the_stand_and_precedes_the_summary_with_the_first_four_services_in_the_towns_order()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full()));

        var glance = page.QuerySelector("#situation #glance")!;
        Assert.Equal("Auf einen Blick", glance.QuerySelector("h2.vh")!.Text());
        var all = page.All.ToList();
        Assert.True(all.IndexOf(page.QuerySelector("#situation .asof")!) < all.IndexOf(glance));
        Assert.True(all.IndexOf(glance) < all.IndexOf(page.QuerySelector("#situation .summary")!));

        // Pages.Full() lists phone, email, payments, citizens-office, vehicle-registration: the first four in that
        // order, then vehicle registration because a neighbour takes it on.
        Assert.Equal(
            ["glance-phone", "glance-email", "glance-payments", "glance-citizens-office", "glance-vehicle-registration"],
            glance.QuerySelectorAll("li").Select(li => li.Id));
    }

    [Fact]
    public async Task Each_channel_says_its_state_in_words_beside_a_symbol_and_its_tone()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full()));

        var phone = page.QuerySelector("#glance-phone")!;
        Assert.Equal("Telefon", phone.QuerySelector("strong")!.Text());
        Assert.Equal("Möglich", phone.QuerySelector(".gs")!.Text());
        Assert.Contains("good", phone.ClassList);
        Assert.NotNull(phone.QuerySelector("svg[aria-hidden=true]"));

        var email = page.QuerySelector("#glance-email")!;
        Assert.Equal("E-Mail", email.QuerySelector("strong")!.Text());
        Assert.Equal("Nicht möglich", email.QuerySelector(".gs")!.Text());
        Assert.Contains("severe", email.ClassList);
        Assert.Equal("Keine E-Mails.", email.QuerySelector(".gn")!.Text());
    }

    [Fact]
    public async Task Phone_carries_the_towns_number_as_a_tel_link_and_no_other_channel_does()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full()));

        var link = Assert.Single(page.QuerySelectorAll("#glance a.tel"));
        Assert.Equal("tel:+4974733700", link.GetAttribute("href"));
        Assert.Equal("+49 7473 370-0", link.Text());
        Assert.Same(page.QuerySelector("#glance-phone"), link.Closest("li"));
    }

    [Fact]
    public async Task A_service_a_neighbour_takes_on_says_where_else_to_go_with_a_link()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full()));

        var item = page.QuerySelector("#glance-vehicle-registration")!;
        var link = item.QuerySelector("a")!;
        Assert.Equal("/nachbarort/", link.GetAttribute("href"));
        Assert.Contains("Sie können nach Nachbarort gehen.", item.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task English_page_shows_the_glance_in_english()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full(), "en"));

        Assert.Equal("At a glance", page.QuerySelector("#glance h2")!.Text());
        Assert.Equal("Phone", page.QuerySelector("#glance-phone strong")!.Text());
        Assert.Equal("No email.", page.QuerySelector("#glance-email .gn")!.Text());
        Assert.Contains("You can go to Nachbarort.", page.QuerySelector("#glance-vehicle-registration")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_notes_are_cut_at_a_word_so_the_channels_fit_one_screen_and_the_full_list_keeps_them_whole()
    {
        var note = string.Join(' ', Enumerable.Repeat("Erreichbar montags bis freitags", 10));
        var document = Pages.Full() with { Services = [Pages.Service("phone", ServiceState.Limited, Pages.De(note))] };

        var page = await Pages.RenderAsync(Pages.Model(document));

        var shown = page.QuerySelector("#glance-phone .gn")!.TextContent;
        Assert.True(shown.Length <= TownPageView.GlanceNoteLength, shown);
        Assert.EndsWith("…", shown, StringComparison.Ordinal);
        Assert.StartsWith(shown[..^1].TrimEnd(), note, StringComparison.Ordinal);
        Assert.Contains(note, page.QuerySelector("#services")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_services_no_glance()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Minimal(), languages: ["de"]));

        Assert.Null(page.QuerySelector("#glance"));
    }

    [Fact]
    public async Task The_stale_warning_follows_the_channels_so_it_never_pushes_them_off_the_first_screen()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full(), renderedAt: Pages.AsOf.AddDays(4)));

        var all = page.All.ToList();
        Assert.True(all.IndexOf(page.QuerySelector("#glance")!) < all.IndexOf(page.QuerySelector("#stale")!));
    }

    [Fact]
    public void Catalogue_default_puts_the_first_questions_first()
    {
        Assert.Equal(["phone", "email", "citizens-office", "online-services"], ServiceCatalogue.All.Take(TownPageView.GlanceServices).Select(s => s.Id));
    }
}
