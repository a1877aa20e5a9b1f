using System.Globalization;
using System.Text.Json;

namespace Leaderboard.Core.Benchmarks.Bundles;

/// <summary>
/// Checks the generic data files line by line, in order (queries, then the pools or catalogue, then the qrels),
/// keeping only what later files are checked against: the query ids, each pool's candidate ids or the
/// catalogue's ids, and the judged pairs.
/// </summary>
internal sealed class BundleData(BenchmarkManifest manifest, BundleLimits limits, bool declared, BundleReport report)
{
    private static readonly string[] _queryKeys = ["id", "facets", "inputs"];
    private static readonly string[] _poolKeys = ["query_id", "candidates"];
    private static readonly string[] _itemKeys = ["id", "name"];

    private readonly Dictionary<string, long> _queries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _pools = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _poolLines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _catalogue = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Query, string Item), long> _judged = [];
    private readonly HashSet<string> _judgedItems = new(StringComparer.Ordinal);
    private readonly string[] _inputs = [.. manifest.Tracks.SelectMany(t => t.Inputs).Distinct(StringComparer.Ordinal)];
    private bool _tooMany;

    public void Query(long line, string text)
    {
        var file = manifest.Queries!;
        if (Count(_queries.Count, limits.MaxQueries, file, line, "queries") || BundleText.ParseObject(text, file, line, report) is not { } document)
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            UnknownKeys(root, _queryKeys, file, line, string.Empty);
            if (Id(root, "id", file, line, string.Empty) is { } id && !_queries.TryAdd(id, line))
            {
                report.Add(BundleIssueCode.DuplicateId, file, line, "id", $"The query {BundleIssue.Quote(id)} is already on line {_queries[id]}; each query is listed once.");
            }

            if (declared)
            {
                Facets(root, file, line);
                Inputs(root, file, line);
            }
        }
    }

    public void EndQueries()
    {
        report.Queries = _queries.Count;
        if (_queries.Count == 0 && !_tooMany)
        {
            report.Add(BundleIssueCode.EmptyFile, manifest.Queries!, 0, string.Empty, "The file holds no query.");
        }
    }

    public void Pool(long line, string text)
    {
        var file = manifest.Candidates!;
        if (BundleText.ParseObject(text, file, line, report) is not { } document)
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            UnknownKeys(root, _poolKeys, file, line, string.Empty);
            var query = Id(root, "query_id", file, line, string.Empty);
            if (query is not null && !_queries.ContainsKey(query))
            {
                report.Add(BundleIssueCode.UnknownQuery, file, line, "query_id", $"{BundleIssue.Quote(query)} is not a query of '{manifest.Queries}'.");
                query = null;
            }

            if (query is not null && !_poolLines.TryAdd(query, line))
            {
                report.Add(BundleIssueCode.DuplicateId, file, line, "query_id", $"The pool of query {BundleIssue.Quote(query)} is already on line {_poolLines[query]}; give each query one pool.");
                query = null;
            }

            if (!root.TryGetProperty("candidates", out var candidates) || candidates.ValueKind != JsonValueKind.Array || candidates.GetArrayLength() == 0)
            {
                report.Add(BundleIssueCode.MissingField, file, line, "candidates", "Expected a non-empty list of candidates, such as [{\"id\": \"c001\", \"name\": \"…\"}].");
                return;
            }

            var pool = new HashSet<string>(StringComparer.Ordinal);
            var i = 0;
            foreach (var candidate in candidates.EnumerateArray())
            {
                var field = $"candidates[{++i}]";
                if (Item(candidate, file, line, field) is { } id && !pool.Add(id))
                {
                    report.Add(BundleIssueCode.DuplicateId, file, line, field + ".id", $"The candidate {BundleIssue.Quote(id)} is already in this pool; list each candidate once.");
                }
            }

            report.Items += pool.Count;
            if (query is not null && !Count(report.Items, limits.MaxItems, file, line, "candidates of all pools together"))
            {
                _pools[query] = pool;
            }
        }
    }

    public void EndPools()
    {
        var missing = _queries.Keys.Where(q => !_pools.ContainsKey(q)).ToList();
        if (missing.Count > 0 && !_tooMany)
        {
            report.Add(BundleIssueCode.MissingPool, manifest.Candidates!, 0, "query_id",
                $"{BundleIssue.Count(missing.Count)} queries have no pool, such as {string.Join(", ", missing.Take(3).Select(BundleIssue.Quote))}: with closed pools every query needs one.");
        }
    }

    public void CatalogueItem(long line, string text)
    {
        var file = manifest.Catalogue!;
        if (Count(_catalogue.Count, limits.MaxItems, file, line, "items") || BundleText.ParseObject(text, file, line, report) is not { } document)
        {
            return;
        }

        using (document)
        {
            if (Item(document.RootElement, file, line, string.Empty) is { } id && !_catalogue.TryAdd(id, line))
            {
                report.Add(BundleIssueCode.DuplicateId, file, line, "id", $"The item {BundleIssue.Quote(id)} is already on line {_catalogue[id]}; list each item once.");
            }

            report.Items = _catalogue.Count;
        }
    }

    /// <summary>One TREC qrels line: "query iteration item grade", separated by spaces or tabs.</summary>
    public void Judgement(long line, string text)
    {
        var file = manifest.Qrels!;
        var fields = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 4)
        {
            report.Add(BundleIssueCode.BadColumnCount, file, line, string.Empty,
                $"Expected 4 columns (query 0 item grade) separated by spaces or tabs, found {fields.Length}.");
            return;
        }

        var (query, item) = (fields[0], fields[2]);
        if (!int.TryParse(fields[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var grade))
        {
            report.Add(BundleIssueCode.BadGrade, file, line, "grade", $"{BundleIssue.Quote(fields[3])} is not a whole number; grades are integers such as 0, 1, 2 (judged >= relevance_level counts as relevant).");
            return;
        }

        if (!_queries.ContainsKey(query))
        {
            report.Add(BundleIssueCode.UnknownQuery, file, line, "query", $"{BundleIssue.Quote(query)} is not a query of '{manifest.Queries}'.");
            return;
        }

        if (manifest.Candidates is not null && _pools.TryGetValue(query, out var pool) && !pool.Contains(item))
        {
            report.Add(BundleIssueCode.UnknownItem, file, line, "item", $"{BundleIssue.Quote(item)} is not in the pool of query {BundleIssue.Quote(query)} in '{manifest.Candidates}'; a run could never rank it.");
            return;
        }

        if (manifest.Catalogue is not null && !_catalogue.ContainsKey(item))
        {
            report.Add(BundleIssueCode.UnknownItem, file, line, "item", $"{BundleIssue.Quote(item)} is not an item of '{manifest.Catalogue}'; a run could never rank it.");
            return;
        }

        if (!_judged.TryAdd((query, item), line))
        {
            report.Add(BundleIssueCode.DuplicateJudgement, file, line, "item",
                $"{BundleIssue.Quote(item)} is already judged for query {BundleIssue.Quote(query)} on line {_judged[(query, item)]}; judge each pair once.");
            return;
        }

        report.JudgementsByGrade[grade] = report.JudgementsByGrade.GetValueOrDefault(grade) + 1;
        if (manifest.Candidates is null && manifest.Catalogue is null)
        {
            _judgedItems.Add(item);
            report.Items = _judgedItems.Count;
        }
    }

    public void EndJudgements()
    {
        if (_judged.Count > 0 && !report.JudgementsByGrade.Keys.Any(g => g >= manifest.RelevanceLevel))
        {
            report.Add(BundleIssueCode.NoRelevantJudgement, manifest.Qrels!, 0, "grade",
                $"No judgement reaches relevance_level {manifest.RelevanceLevel}: every measure would be 0. Lower 'relevance_level' or check the grades.");
        }
    }

    private void Facets(JsonElement root, string file, long line)
    {
        var has = root.TryGetProperty("facets", out var facets);
        if (!has && manifest.Facets.Count == 0)
        {
            return;
        }

        if (!has || facets.ValueKind != JsonValueKind.Object)
        {
            report.Add(BundleIssueCode.MissingField, file, line, "facets", $"Expected an object with {Names(manifest.Facets)}, such as {{\"{(manifest.Facets.Count > 0 ? manifest.Facets[0] : "genre")}\": \"…\"}}.");
            return;
        }

        foreach (var facet in manifest.Facets)
        {
            if (!facets.TryGetProperty(facet, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                report.Add(BundleIssueCode.MissingField, file, line, "facets." + facet, "The manifest declares this facet: every query needs it, as a non-empty string.");
            }
        }

        foreach (var property in facets.EnumerateObject().Where(p => !manifest.Facets.Contains(p.Name)))
        {
            report.Add(BundleIssueCode.UnknownKey, file, line, "facets." + property.Name, "The manifest does not declare this facet; add it to 'facets' or remove it here.");
        }
    }

    private void Inputs(JsonElement root, string file, long line)
    {
        var has = root.TryGetProperty("inputs", out var inputs);
        if (has && inputs.ValueKind != JsonValueKind.Object)
        {
            report.Add(BundleIssueCode.MissingField, file, line, "inputs", "Expected an object of the inputs the tracks name, such as {\"text\": \"…\"}.");
            return;
        }

        foreach (var input in _inputs)
        {
            if (!has || !inputs.TryGetProperty(input, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                var tracks = string.Join(", ", manifest.Tracks.Where(t => t.Inputs.Contains(input)).Select(t => $"'{t.Key}'"));
                report.Add(BundleIssueCode.MissingField, file, line, "inputs." + input, $"Track {tracks} gives systems this input: every query needs it.");
            }
        }
    }

    /// <summary>A catalogue item or pool candidate: {"id": "…", "name": "…"} (name optional); its id, or null when unusable (reported).</summary>
    private string? Item(JsonElement element, string file, long line, string field)
    {
        var prefix = field.Length > 0 ? field + "." : string.Empty;
        if (element.ValueKind != JsonValueKind.Object)
        {
            report.Add(BundleIssueCode.BadJson, file, line, field, "Expected an object such as {\"id\": \"c001\", \"name\": \"…\"}.");
            return null;
        }

        UnknownKeys(element, _itemKeys, file, line, prefix);
        if (element.TryGetProperty("name", out var name) && name.ValueKind != JsonValueKind.String)
        {
            report.Add(BundleIssueCode.MissingField, file, line, prefix + "name", "The name, when given, is a string.");
        }

        return Id(element, "id", file, line, prefix);
    }

    /// <summary>An id: a non-empty string without spaces, tabs or line ends, since TREC runs and qrels split on them.</summary>
    private string? Id(JsonElement element, string key, string file, long line, string prefix)
    {
        if (!element.TryGetProperty(key, out var value) || value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } id)
        {
            report.Add(BundleIssueCode.MissingField, file, line, prefix + key, "Expected a non-empty string id.");
            return null;
        }

        if (id.Any(char.IsWhiteSpace) || id.Any(char.IsControl))
        {
            report.Add(BundleIssueCode.BadValue, file, line, prefix + key, $"{BundleIssue.Quote(id)} has white space or control characters in it; TREC runs and qrels separate columns by white space, so an id cannot hold any.");
            return null;
        }

        return id;
    }

    private void UnknownKeys(JsonElement element, string[] known, string file, long line, string prefix)
    {
        foreach (var property in element.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            report.Add(BundleIssueCode.UnknownKey, file, line, prefix + property.Name,
                $"Not a field of this file; the fields are {Names(known)}.{Spelling.Suggestion(property.Name, known)}");
        }
    }

    /// <summary>True (reported once) when a file already holds as many entries as the limit allows.</summary>
    private bool Count(long count, long limit, string file, long line, string what)
    {
        if (count < limit)
        {
            return false;
        }

        if (!_tooMany)
        {
            _tooMany = true;
            report.Add(BundleIssueCode.TooManyEntries, file, line, string.Empty, $"More than {BundleIssue.Count(limit)} {what}, the most a benchmark may hold; the rest were not read.");
        }

        return true;
    }

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
