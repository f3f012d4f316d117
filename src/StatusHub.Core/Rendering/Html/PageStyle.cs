using System.Security.Cryptography;
using System.Text;

namespace StatusHub.Core.Rendering.Html;

/// <summary>The one inline stylesheet of every page, and the Content-Security-Policy that allows exactly it.</summary>
internal static class PageStyle
{
    /// <summary>The system font stack of the pages and the badge: no web font to load.</summary>
    public const string FontFamily = "system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",Arial,sans-serif";

    /// <summary>The stylesheet; colours only through the custom properties of <see cref="Palette"/>.</summary>
    public static string Css { get; } = Build();

    /// <summary>No script, no external request: only this stylesheet (by hash) and same-origin or inline images.</summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css)))}'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

    private static string Build()
    {
        var tones = string.Concat(Palette.Light.Tones.Select(t => $".{t.ClassName}{{--t:var(--{t.ClassName});--tb:var(--{t.ClassName}-bg)}}"));
        string[] rules =
        [
            $":root{{color-scheme:light dark;{Palette.Light.CustomProperties()}}}",
            $"@media (prefers-color-scheme:dark){{:root{{{Palette.Dark.CustomProperties()}}}}}",
            "*{box-sizing:border-box}",
            $"body{{margin:0 auto;max-width:46rem;padding:0 1rem 1.5rem;font:1.0625rem/1.55 {FontFamily};color:var(--fg);background:var(--bg);overflow-wrap:anywhere;hyphens:auto;-webkit-text-size-adjust:100%}}",
            "a{color:var(--a);text-underline-offset:.15em}",
            ":focus-visible{outline:3px solid var(--fc);outline-offset:2px}",
            ".skip:not(:focus),.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}.skip:focus{display:inline-block;margin:.5rem 0}",
            "header{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem 1.5rem;padding:.75rem 0;border-bottom:1px solid var(--ln)}",
            "header p{margin:0;font-weight:600}",
            "ul.plain{list-style:none;margin:0;padding:0}",
            "nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem}",
            "h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0 .75rem}",
            "h2{font-size:1.35rem;line-height:1.3;margin:2rem 0 .75rem;padding-top:1rem;border-top:1px solid var(--ln)}",
            "h3{font-size:1.1rem;margin:1.25rem 0 .5rem;display:flex;gap:.4rem;align-items:center}",
            "svg{width:1.3em;height:1.3em;flex:none;fill:none;stroke:currentColor;stroke-width:2.2;stroke-linecap:round;stroke-linejoin:round}",
            ".town{margin:1.25rem 0 .5rem;font-size:1.15rem;font-weight:600;color:var(--mu)}",
            tones,
            ".badge{display:inline-flex;align-items:center;gap:.4em;padding:.2em .7em;border:2px solid var(--t);border-radius:.4em;color:var(--t);background:var(--tb);font-weight:700}",
            ".level{margin:.5rem 0}",
            ".asof{font-weight:600;margin:.5rem 0}",
            "#glance ul{margin:.75rem 0}",
            "#glance li{display:flex;gap:.5rem;align-items:flex-start;margin:.4rem 0;padding:.3rem .5rem;border-inline-start:.3rem solid var(--t);background:var(--tb);border-radius:.25em}",
            "#glance svg{color:var(--t);margin-top:.1em}",
            ".gs{display:inline-block;max-width:100%;font-weight:700;padding:0 .35em;border:1px solid var(--t);border-radius:.3em}.tel{font-weight:700;white-space:nowrap}",
            ".gn{display:block;font-size:.95rem;line-height:1.4}",
            "@media (max-width:24rem){header{gap:.25rem 1rem;font-size:.95rem}.town{font-size:1rem;line-height:1.35;margin:.6rem 0 .25rem}h1{font-size:1.25rem;margin:.3rem 0 .4rem}.asof{font-size:.95rem}.gn{font-size:.9rem;line-height:1.35}#glance li{padding:.25rem .4rem}}",
            ".warn{display:flex;gap:.5rem;padding:.75rem;border:2px solid var(--t);border-radius:.4em;color:var(--t);background:var(--tb)}",
            ".warn p{margin:0}",
            "h3 svg{color:var(--t)}",
            ".group li{margin:.5rem 0;padding-block:.1rem;padding-inline:.75rem 0;border-inline-start:.3rem solid var(--t)}",
            ".group li span,.aid li span{display:block}",
            "li>strong,li>span,#glance strong,#glance span{unicode-bidi:isolate}",
            ".aid li{margin:.75rem 0}",
            ".members a{unicode-bidi:isolate}",
            "details{margin:.5rem 0;border:1px solid var(--ln);border-radius:.4em;padding:0 .75rem}",
            "summary{padding:.5rem 0;font-weight:600;cursor:pointer}",
            ".md p,.md ul,.md ol{margin:.4rem 0 .6rem}",
            ".md ul,.md ol{padding-inline-start:1.4rem}",
            ".updates li{margin:0 0 1rem;padding-inline-start:.75rem;border-inline-start:.3rem solid var(--ln)}",
            ".updates time,.towns time{color:var(--mu)}",
            ".towns li{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .75rem;padding:.6rem 0;border-bottom:1px solid var(--ln)}",
            ".towns a{font-weight:600;min-width:9rem}",
            ".towns .hl{flex-basis:100%}.rg{color:var(--mu)}",
            ".scroll{overflow-x:auto;margin:1rem 0}",
            "table{border-collapse:separate;border-spacing:0;overflow-wrap:normal;hyphens:manual;font-size:.95rem}",
            "caption{text-align:start;font-weight:600;padding-bottom:.5rem}",
            "th,td{border:0 solid var(--ln);border-block-width:0 1px;border-inline-width:0 1px;padding:.4rem .5rem;min-width:6.5rem;text-align:start;vertical-align:top}",
            "tr>:first-child{border-inline-start-width:1px}thead th{border-top-width:1px}",
            "th[scope=row]{position:sticky;inset-inline-start:0;background:var(--bg)}",
            "td>span,td>strong{display:block}",
            ".st{display:flex;gap:.3em;align-items:center}",
            ".st svg{color:var(--t)}",
            ".gap{border:3px solid var(--t);color:var(--t);background:var(--tb)}.gap a{color:inherit}",
            "svg.map{display:block;width:100%;max-width:24rem;height:auto;margin:1rem 0;fill:var(--fg);stroke:none}",
            "svg.map circle{fill:var(--t);stroke:var(--bg);stroke-width:2}",
            "svg.map .caution circle,svg.map .down circle{fill:var(--tb);stroke:var(--t);stroke-width:4}",
            "svg.map .down circle{stroke-dasharray:4 3}",
            "svg.map text{font-size:14px;font-weight:700}",
            "svg.map .lv{font-size:12px;font-weight:400}",
            "svg.map tspan{unicode-bidi:isolate}",
            "footer{margin-top:2.5rem;padding-top:1rem;border-top:1px solid var(--ln);color:var(--mu);font-size:.95rem}",
            "footer p{margin:.25rem 0}",
            "pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.85rem;margin:.5rem 0}pre>code{unicode-bidi:isolate}",
            // The notice for the town-hall door (NoticePage): large level and headline, one A4 page in print.
            ".notice{page:notice}@page notice{size:A4 portrait;margin:12mm 14mm}",
            ".notice .level .badge{font-size:1.4rem}.notice h1{font-size:2.2rem;line-height:1.15}.notice h1.long{font-size:1.6rem}",
            ".notice h2{font-size:1.15rem;margin:1rem 0 .3rem;padding-top:.5rem;display:flex;gap:.4rem;align-items:center}.notice h2 svg{color:var(--t)}",
            ".notice .svc{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:0 1rem}.notice .group li{margin:.3rem 0}.more{margin:.3rem 0}",
            ".notice .foot{display:flex;flex-wrap:wrap;gap:0 1.5rem;margin-top:1rem}.notice .foot>div{flex:1 1 14rem}.notice .phone{font-size:1.3rem;font-weight:700}",
            "#qr{flex:0 0 10rem;font-weight:600}#qr p{margin:.25rem 0}svg.qr{display:block;width:10rem;height:10rem;margin-top:1rem;stroke:none}",
            "@media print{body.notice{font-size:10.5pt;line-height:1.25;padding:0}.notice>header,.notice>footer{display:none}.notice a{text-decoration:none}body.notice a::after{content:none}"
                + ".notice .town{margin:0;font-size:16pt}.notice .level{margin:1mm 0}.notice .level .badge{font-size:22pt}.notice h1{font-size:40pt;line-height:1.1;margin:1mm 0 2mm}.notice h1.long{font-size:28pt}.notice .asof{font-size:13pt;margin:0}"
                + ".notice h2{font-size:13pt;margin:3mm 0 1mm;padding-top:2mm}.notice .group li{margin:1.5mm 0}.notice .phone{font-size:16pt}.notice .foot{margin-top:2mm}#qr{flex-basis:42mm;font-size:12pt}svg.qr{width:42mm;height:42mm;margin-top:3mm}}",
            $"@media print{{:root{{{Palette.Print.CustomProperties()}}}body{{max-width:none;font-size:11pt}}header nav,.skip,#print,#embed{{display:none}}a[href^=\"http\"]::after,a[href^=\"/\"]::after{{content:\" (\" attr(href) \")\"}}h2,h3{{break-after:avoid}}li,details,tr{{break-inside:avoid}}.scroll{{overflow:visible}}th[scope=row]{{position:static}}details{{border:0;padding:0}}details::details-content{{content-visibility:visible}}}}",
        ];
        return string.Concat(rules);
    }
}
