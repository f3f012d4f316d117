using System.Globalization;
using System.Text;

namespace StatusHub.Contracts;

/// <summary>One valid row of a towns CSV: where it starts in the file, the town's slug and the body of <c>PUT /api/v1/towns/{town}</c>.</summary>
public sealed record TownCsvRow(int Line, string Slug, TownRequest Request);

/// <summary>One error of a towns CSV: the line the record starts on (the header is line 1), the column's name and what is wrong.</summary>
public sealed record TownCsvError(int Line, string Column, string Message)
{
    /// <summary>The error as <c>towns.csv:LINE:COLUMN: message</c>, like a compiler's.</summary>
    public string Format(string fileName) => $"{fileName}:{Line}:{Column}: {Message}";
}

/// <summary>The rows of a towns CSV, valid only when <see cref="Errors"/> is empty.</summary>
public sealed record TownCsvFile(IReadOnlyList<TownCsvRow> Rows, IReadOnlyList<TownCsvError> Errors);

/// <summary>
/// The bulk-onboarding file of <c>statushub towns import</c> and the demo loader: CSV (RFC 4180: comma-separated, fields with
/// commas, quotes or line breaks in double quotes, a quote doubled), UTF-8 with or without BOM, a header row naming the
/// columns <c>slug,name,region,ags,phone,website,lat,lon,neighbours</c> (any order; <c>slug</c>, <c>name</c> and
/// <c>region</c> required, the others may be left out). Each row is checked with the API's town rules (<see cref="TownRules"/>,
/// held to the API's validator by a test), so a file that passes here is accepted by <c>PUT /api/v1/towns/{town}</c>;
/// every error of every row is reported.
/// </summary>
public static class TownCsv
{
    /// <summary>The columns, in the documented order.</summary>
    public static readonly IReadOnlyList<string> Columns = ["slug", "name", "region", "ags", "phone", "website", "lat", "lon", "neighbours"];

    private static readonly string[] RequiredColumns = ["slug", "name", "region"];

    /// <summary>The most rows one file may hold (a whole Land has about 2,000 municipalities).</summary>
    public const int MaxRows = 10_000;

    /// <summary>The largest file read, in bytes.</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    /// <summary>
    /// Parses and validates the file's bytes. A neighbour must be a slug of another row of the file or, when
    /// <paramref name="isKnownTown"/> says so, a town already in the hub; a slug may appear in one row only.
    /// </summary>
    public static TownCsvFile Parse(ReadOnlySpan<byte> bytes, Func<string, bool>? isKnownTown = null)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return new TownCsvFile([], [new TownCsvError(1, "-", "The file is not UTF-8; save it as UTF-8 (with or without BOM).")]);
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var (records, parseError) = ReadRecords(text);
        var errors = new List<TownCsvError>();
        if (parseError is not null)
        {
            errors.Add(parseError);
            return new TownCsvFile([], errors);
        }

        if (records.Count == 0)
        {
            return new TownCsvFile([], [new TownCsvError(1, "-", $"The file is empty; the first line must be the header {string.Join(',', Columns)}.")]);
        }

        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        for (var i = 0; i < header.Count; i++)
        {
            if (!Columns.Contains(header[i], StringComparer.Ordinal))
            {
                errors.Add(new TownCsvError(1, header[i].Length == 0 ? (i + 1).ToString(CultureInfo.InvariantCulture) : header[i],
                    $"Unknown column; the columns are {string.Join(',', Columns)}."));
            }
            else if (header.IndexOf(header[i]) != i)
            {
                errors.Add(new TownCsvError(1, header[i], "The column is named twice."));
            }
        }

        foreach (var required in RequiredColumns.Where(c => !header.Contains(c)))
        {
            errors.Add(new TownCsvError(1, required, "Required column missing from the header."));
        }

        if (errors.Count > 0)
        {
            return new TownCsvFile([], errors);
        }

        var body = records.Skip(1).Where(r => !(r.Fields.Count == 1 && r.Fields[0].Length == 0)).ToList();
        if (body.Count > MaxRows)
        {
            return new TownCsvFile([], [new TownCsvError(body[MaxRows].Line, "-", $"At most {MaxRows} towns per file; split it.")]);
        }

        // First pass: every row on its own. The slugs of the file are collected for the neighbour check.
        var rows = new List<(int Line, string? Slug, TownRequest? Request, IReadOnlyList<string> Neighbours)>();
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in body)
        {
            string Field(string column)
            {
                var index = header.IndexOf(column);
                return index < 0 || index >= record.Fields.Count ? "" : record.Fields[index].Trim();
            }

            if (record.Fields.Count != header.Count)
            {
                errors.Add(new TownCsvError(record.Line, record.Fields.Count < header.Count ? header[record.Fields.Count] : (header.Count + 1).ToString(CultureInfo.InvariantCulture),
                    $"The row has {record.Fields.Count} fields, the header {header.Count}."));
                rows.Add((record.Line, null, null, []));
                continue;
            }

            var rowErrors = new List<TownCsvError>();
            var slug = Field("slug");
            if (!TownRules.IsSlug(slug))
            {
                rowErrors.Add(new TownCsvError(record.Line, "slug", slug.Length == 0
                    ? "Required."
                    : "Not a slug: lower-case letters, digits and single hyphens, 2-63 characters (e.g. 'bad-berleburg')."));
            }
            else if (firstLineOf.TryGetValue(slug, out var first))
            {
                rowErrors.Add(new TownCsvError(record.Line, "slug", $"'{slug}' is already the town of line {first}."));
            }
            else
            {
                firstLineOf[slug] = record.Line;
            }

            var location = Location(record.Line, Field("lat"), Field("lon"), rowErrors);
            var neighbours = Field("neighbours").Split([';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var request = new TownRequest(
                NullIfEmpty(Field("name")),
                NullIfEmpty(Field("region")),
                NullIfEmpty(Field("ags")),
                DefaultLanguage: null,
                NullIfEmpty(Field("website")),
                NullIfEmpty(Field("phone")),
                neighbours,
                location,
                Internal: null);
            // The other fields are checked even when the slug is not one (under a stand-in slug), so that every error shows.
            var slugValid = TownRules.IsSlug(slug);
            foreach (var (field, message) in TownRules.Check(slugValid ? slug : "row", request).Where(e => slugValid || e.Key != "town"))
            {
                rowErrors.Add(new TownCsvError(record.Line, ColumnOf(field), Describe(field, message, neighbours)));
            }

            errors.AddRange(rowErrors.DistinctBy(e => (e.Column, e.Message)));
            rows.Add((record.Line, slug, request, neighbours));
        }

        // Second pass: neighbours name towns of this file or of the hub, so that a typo is caught before anything is written.
        foreach (var (line, slug, _, neighbours) in rows)
        {
            foreach (var neighbour in neighbours.Where(TownRules.IsSlug).Where(n => n != slug).Distinct(StringComparer.Ordinal))
            {
                if (!firstLineOf.ContainsKey(neighbour) && isKnownTown?.Invoke(neighbour) != true)
                {
                    errors.Add(new TownCsvError(line, "neighbours", $"'{neighbour}' is neither a town of this file nor of the hub."));
                }
            }
        }

        var ordered = errors.OrderBy(e => e.Line).ThenBy(e => ColumnOrder(e.Column)).ToList();
        return ordered.Count > 0
            ? new TownCsvFile([], ordered)
            : new TownCsvFile(rows.Select(r => new TownCsvRow(r.Line, r.Slug!, r.Request!)).ToList(), []);
    }

    /// <summary>
    /// Only the <c>slug</c> column of a CSV (e.g. the member towns of a shared incident from the import's towns.csv), each
    /// a slug, in file order without duplicates; the other columns are not checked.
    /// </summary>
    public static (IReadOnlyList<string> Slugs, IReadOnlyList<TownCsvError> Errors) ReadSlugs(ReadOnlySpan<byte> bytes)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return ([], [new TownCsvError(1, "-", "The file is not UTF-8.")]);
        }

        var (records, parseError) = ReadRecords(text);
        if (parseError is not null)
        {
            return ([], [parseError]);
        }

        var column = records.Count == 0 ? -1 : records[0].Fields.Select(f => f.Trim()).ToList().IndexOf("slug");
        if (column < 0)
        {
            return ([], [new TownCsvError(1, "slug", "The header has no slug column.")]);
        }

        var slugs = new List<string>();
        var errors = new List<TownCsvError>();
        foreach (var record in records.Skip(1).Where(r => !(r.Fields.Count == 1 && r.Fields[0].Length == 0)))
        {
            var slug = column < record.Fields.Count ? record.Fields[column].Trim() : "";
            if (!TownRules.IsSlug(slug))
            {
                errors.Add(new TownCsvError(record.Line, "slug", "Not a slug."));
            }
            else if (!slugs.Contains(slug, StringComparer.Ordinal))
            {
                slugs.Add(slug);
            }
        }

        if (slugs.Count == 0 && errors.Count == 0)
        {
            errors.Add(new TownCsvError(1, "slug", "The file lists no town."));
        }

        return (slugs, errors);
    }

    private static LocationRequest? Location(int line, string lat, string lon, List<TownCsvError> errors)
    {
        if (lat.Length == 0 && lon.Length == 0)
        {
            return null;
        }

        double? Number(string column, string value)
        {
            if (value.Length == 0)
            {
                errors.Add(new TownCsvError(line, column, $"Required when {(column == "lat" ? "lon" : "lat")} is given (both or neither)."));
                return null;
            }

            if (!double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                || !double.IsFinite(number))
            {
                errors.Add(new TownCsvError(line, column, $"'{value}' is not a decimal number with a point (e.g. 51.0345)."));
                return null;
            }

            return number;
        }

        var latitude = Number("lat", lat);
        var longitude = Number("lon", lon);
        return latitude is null || longitude is null ? null : new LocationRequest(latitude, longitude);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>The CSV column of a field name of the API's validation errors.</summary>
    private static string ColumnOf(string field) => field switch
    {
        "town" or "$" => "slug",
        "location.lat" => "lat",
        "location.lon" => "lon",
        _ when field.StartsWith("neighbours", StringComparison.Ordinal) => "neighbours",
        _ => field,
    };

    private static string Describe(string field, string message, IReadOnlyList<string> neighbours)
    {
        // "neighbours[2]: not a slug" names the neighbour, which the CSV's author can find.
        if (field.StartsWith("neighbours[", StringComparison.Ordinal)
            && int.TryParse(field.AsSpan(11, field.Length - 12), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && index < neighbours.Count)
        {
            return $"'{neighbours[index]}': {message}";
        }

        return message;
    }

    private static int ColumnOrder(string column) => Columns.IndexOf(column) is var index and >= 0 ? index : Columns.Count;

    private static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    private sealed record Record(int Line, List<string> Fields);

    /// <summary>Splits RFC 4180 text into records, each with the line it starts on; an unterminated quote is an error.</summary>
    private static (List<Record> Records, TownCsvError? Error) ReadRecords(string text)
    {
        var records = new List<Record>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        var atFieldStart = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (atFieldStart && c == '"')
            {
                var quoteLine = line;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        return (records, new TownCsvError(quoteLine, Column(fields.Count), "A quoted field is not closed: a '\"' is missing."));
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    if (text[i] == '\n')
                    {
                        line++;
                    }

                    field.Append(text[i]);
                    i++;
                }

                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    return (records, new TownCsvError(line, Column(fields.Count), "Text after a closing quote; a quote inside a quoted field is written twice (\"\")."));
                }

                atFieldStart = false;
                continue;
            }

            switch (c)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    i++;
                    break;
                case '\r' or '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add(new Record(recordLine, fields));
                    fields = [];
                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    line++;
                    recordLine = line;
                    atFieldStart = true;
                    break;
                case '"':
                    return (records, new TownCsvError(line, Column(fields.Count), "A quote inside an unquoted field: put the whole field in quotes and write the quote twice (\"\")."));
                default:
                    field.Append(c);
                    atFieldStart = false;
                    i++;
                    break;
            }
        }

        if (fields.Count > 0 || field.Length > 0 || !atFieldStart)
        {
            fields.Add(field.ToString());
            records.Add(new Record(recordLine, fields));
        }

        return (records, null);

        // The header is not known yet while splitting: the column is given by its number.
        static string Column(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);
    }
}
