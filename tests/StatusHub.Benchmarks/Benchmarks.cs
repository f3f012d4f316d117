using System.Text.Json;
using BenchmarkDotNet.Attributes;
using StatusHub.Core.Aid;
using StatusHub.Core.Documents;
using StatusHub.Core.Domain;
using StatusHub.Core.Rendering;
using StatusHub.Core.Rendering.Html;
using StatusHub.Core.Rendering.Regions;
using StatusHub.Core.Validation;

namespace StatusHub.Benchmarks;

/// <summary>One town's files for the Mössingen demo. Baseline: System.Text.Json of the same document (the cheapest output we write).</summary>
[MemoryDiagnoser]
public class TownRenderingBenchmarks
{
    private HtmlPages _pages = null!;
    private TownSiteRenderer _renderer = null!;
    private TownDocument _document = null!;
    private TownPageModel _model = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pages = new HtmlPages();
        _renderer = new TownSiteRenderer(_pages);
        _document = BenchData.Document();
        _model = new TownPageModel(_document, "de", TownSiteRenderer.LanguagesOf(_document), BenchData.SiteBaseUrl, BenchData.Now);
    }

    [GlobalCleanup]
    public void Cleanup() => _pages.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "baseline: status.json (STJ)")]
    public byte[] StatusJson() => JsonSerializer.SerializeToUtf8Bytes(_document, DocumentJson.Options);

    [Benchmark(Description = "town page (de, HtmlPages.TownPageAsync)")]
    public Task<string> TownPage() => _pages.TownPageAsync(_model);

    [Benchmark(Description = "status.json + Atom + Statuspage")]
    public int NonHtmlParts()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(_document, DocumentJson.Options);
        var atom = AtomFeeds.Town(_document, BenchData.SiteBaseUrl, BenchData.Now);
        var statuspage = StatuspageApi.Render(_document, BenchData.SiteBaseUrl, BenchData.Now);
        return json.Length + atom.Content.Length + statuspage.Sum(f => f.Content.Length);
    }

    [Benchmark(Description = "Atom alone")]
    public SiteFile Atom() => AtomFeeds.Town(_document, BenchData.SiteBaseUrl, BenchData.Now);

    [Benchmark(Description = "Statuspage v2 files alone (summary and the 7 others)")]
    public IReadOnlyList<SiteFile> Statuspage() => StatuspageApi.Render(_document, BenchData.SiteBaseUrl, BenchData.Now);

    [Benchmark(Description = "all town files (RenderTownAsync: de+en pages, json, Atom, Statuspage v2, badge)")]
    public Task<IReadOnlyList<SiteFile>> WholeTown() => _renderer.RenderTownAsync(_document, BenchData.SiteBaseUrl, BenchData.Now);
}

/// <summary>A region page for N synthetic towns. Baseline: System.Text.Json of the same N town documents.</summary>
[MemoryDiagnoser]
public class RegionPageBenchmarks
{
    private HtmlPages _pages = null!;
    private RegionSiteRenderer _regionRenderer = null!;
    private RegionPageModel _model = null!;
    private RegionPageModel _withoutMap = null!;
    private List<TownSnapshot> _towns = null!;
    private AidMatching _matching = null!;
    private List<TownDocument> _documents = null!;

    [Params(50, 500)]
    public int Towns { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _pages = new HtmlPages();
        _regionRenderer = new RegionSiteRenderer(_pages);
        _towns = BenchData.Towns(Towns, perRegion: Towns).ToList();
        _matching = AidMatcher.Match(_towns, BenchData.Now);
        var bySlug = _towns.ToDictionary(t => t.Profile.Slug, StringComparer.Ordinal);
        _documents = _towns.Select(t => TownDocument.From(t, _matching.For(t.Profile.Slug, bySlug))).ToList();
        _model = new RegionPageModel("region-000", _towns.Zip(_documents, (t, d) => new RegionPageTown(d, t.Profile.Location)).ToList(),
            _matching.Gaps, BenchData.SiteBaseUrl, BenchData.Now);
        _withoutMap = _model with { Towns = _model.Towns.Select(t => t with { Location = null }).ToList() };
    }

    [GlobalCleanup]
    public void Cleanup() => _pages.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "baseline: N town documents (STJ)")]
    public byte[] DocumentsJson() => JsonSerializer.SerializeToUtf8Bytes(_documents, DocumentJson.Options);

    [Benchmark(Description = "region page (HtmlPages.RegionPageAsync)")]
    public Task<string> RegionPage() => _pages.RegionPageAsync(_model);

    /// <summary>The same page with no town located: no map, so the map's label placement (RegionMap.Label) is left out.</summary>
    [Benchmark(Description = "region page, no locations (no map)")]
    public Task<string> RegionPageWithoutMap() => _pages.RegionPageAsync(_withoutMap);

    [Benchmark(Description = "all region files (RegionSiteRenderer: page, feeds, CAP)")]
    public Task<IReadOnlyList<SiteFile>> RegionFiles() =>
        _regionRenderer.RenderAsync(StatusHub.Core.Domain.RegionProfile.Unnamed("region-000"), _towns, _matching, new Dictionary<string, CapMessage>(), BenchData.SiteBaseUrl, BenchData.Now);
}

/// <summary>Mutual-aid matching for a region of 500 and a country of 10,000 towns. Baseline: a plain loop over the same offers and services.</summary>
[MemoryDiagnoser]
public class MatchingBenchmarks
{
    private List<TownSnapshot> _towns = null!;

    [Params(500, 10_000)]
    public int Towns { get; set; }

    [GlobalSetup]
    public void Setup() => _towns = BenchData.Towns(Towns).ToList();

    /// <summary>Touches every offer × receiver and every service once, as any matcher must: the floor.</summary>
    [Benchmark(Baseline = true, Description = "baseline: plain loop over offers and services")]
    public int PlainLoop()
    {
        var touched = 0;
        foreach (var town in _towns)
        {
            foreach (var offer in town.Offers)
            {
                var receivers = offer.ForTowns.Count > 0 ? offer.ForTowns : town.Profile.Neighbours;
                for (var r = 0; r < receivers.Count; r++)
                {
                    touched += receivers[r].Length;
                }
            }

            foreach (var service in town.Services)
            {
                if (service.State is ServiceState.Limited or ServiceState.Unavailable)
                {
                    touched++;
                }
            }
        }

        return touched;
    }

    [Benchmark(Description = "AidMatcher.Match")]
    public AidMatching Match() => AidMatcher.Match(_towns, BenchData.Now);
}

/// <summary>Validation of the Mössingen demo's status, services and Q&amp;A. Baseline: deserializing the same bodies (what the API does first anyway).</summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private StatusRequest _status = null!;
    private ServiceListRequest _services = null!;
    private QaRequest _qa = null!;
    private DemoRequests _bodies = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bodies = BenchData.Requests();
        _status = JsonSerializer.Deserialize<StatusRequest>(_bodies.Status, Web)!;
        _services = JsonSerializer.Deserialize<ServiceListRequest>(_bodies.Services, Web)!;
        _qa = JsonSerializer.Deserialize<QaRequest>(_bodies.Qa, Web)!;
    }

    [Benchmark(Baseline = true, Description = "baseline: deserialize status + services + qa bodies (STJ)")]
    public int Deserialize() =>
        (JsonSerializer.Deserialize<StatusRequest>(_bodies.Status, Web)!.Headline?.Count ?? 0)
        + (JsonSerializer.Deserialize<ServiceListRequest>(_bodies.Services, Web)!.Services?.Count ?? 0)
        + (JsonSerializer.Deserialize<QaRequest>(_bodies.Qa, Web)!.Items?.Count ?? 0);

    [Benchmark(Description = "Validator.Status + Services + Qa")]
    public int Validate()
    {
        var status = Validator.Status(_status, "de", BenchData.Now);
        var services = Validator.Services(_services, "de");
        var qa = Validator.Qa(_qa, "de");
        return status.Headline.Count + services.Count + qa.Count;
    }
}
