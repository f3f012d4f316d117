using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace StatusHub.Core.Rendering.Html.Components;

/// <summary>A JSON-LD data block; the JSON is serialized here so that '&lt;', '&gt;' and '&amp;' are always escaped and "&lt;/script&gt;" cannot occur.</summary>
/// <remarks>Written in C# because Razor does not allow script elements in components; this is the only raw markup of a page besides SafeMarkdown output and the stylesheet.</remarks>
public sealed class JsonLdScript : ComponentBase
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The linked data, e.g. a schema.org SpecialAnnouncement.</summary>
    [Parameter, EditorRequired]
    public JsonNode Data { get; set; } = new JsonObject();

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "script");
        builder.AddAttribute(1, "type", "application/ld+json");
        builder.AddMarkupContent(2, Data.ToJsonString(Options));
        builder.CloseElement();
    }
}
