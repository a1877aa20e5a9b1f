using System.Globalization;
using System.Text.RegularExpressions;
using Leaderboard.Metrics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Leaderboard.Core.Benchmarks.Bundles;

/// <summary>
/// Reads <c>benchmark.yaml</c> and reports every problem with its line, column and key: unknown keys (with the
/// nearest known one), keys given twice, wrong types, empty list items (a stray <c>-</c>), missing keys, values
/// outside their rules and keys that conflict. YamlDotNet's parser is read event by event, so a key given twice
/// is reported rather than silently overwritten and nothing is ever turned into an object by type name.
/// </summary>
public static partial class ManifestReader
{
    /// <summary>Deeper nesting than any manifest needs (tracks → a track → its inputs) is refused before it is built.</summary>
    private const int MaxDepth = 8;
    private const int MaxNameLength = 64;
    private const int MaxTitleLength = 200;

    private static readonly string[] _keys =
    [
        "name", "title", "description", "notice", "queries", "candidates", "catalogue", "qrels", "tracks",
        "measures", "primary", "depth", "relevance_level", "facets", "reported", "format",
    ];

    private static readonly string[] _trackKeys = ["key", "title", "inputs"];

    /// <summary>Keys whose files a released format's own file replaces.</summary>
    private static readonly string[] _releasedFormatHolds = ["qrels", "candidates", "catalogue"];

    /// <summary>Reads the manifest's text; every problem goes to <paramref name="report"/>, and what could be read is returned.</summary>
    public static BenchmarkManifest Read(string text, BundleReport report)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(report);
        var issues = new Issues(report);
        var root = Parse(text, issues);
        if (root is null)
        {
            return BenchmarkManifest.Empty;
        }

        if (root is not MapNode map)
        {
            issues.Add(BundleIssueCode.WrongType, root.Start, string.Empty, root is ListNode
                ? "The manifest is a list (it starts with '-') but must be keys with values, such as 'name: trec-sample'; remove the '-' before the first key."
                : "The manifest must be keys with values, such as 'name: trec-sample', one a line.");
            return BenchmarkManifest.Empty;
        }

        var values = Keys(map, _keys, string.Empty, issues);
        return Manifest(values, issues);
    }

    private static BenchmarkManifest Manifest(Dictionary<string, Node> values, Issues issues)
    {
        var name = Text(values, "name", issues, required: true);
        if (name is not null && (!SlugPattern().IsMatch(name) || name.Length > MaxNameLength))
        {
            issues.Add(BundleIssueCode.BadValue, values["name"].Start, "name",
                $"{BundleIssue.Quote(name)} is not a usable name: it becomes the URL /b/NAME, so use at most {MaxNameLength} lowercase letters a-z, digits and single '-' between them, such as 'trec-sample'.");
            name = null;
        }

        var title = Text(values, "title", issues, required: true);
        if (title?.Length > MaxTitleLength)
        {
            issues.Add(BundleIssueCode.BadValue, values["title"].Start, "title", $"The title is longer than {MaxTitleLength} characters; say the rest in the description.");
        }

        var format = Text(values, "format", issues, required: false);
        if (format is not null && format != BenchmarkManifest.MusicrsFormat)
        {
            issues.Add(BundleIssueCode.BadValue, values["format"].Start, "format",
                $"{BundleIssue.Quote(format)} is not a released format with a loader; the one known is '{BenchmarkManifest.MusicrsFormat}'. Leave 'format' out for the generic files (queries, qrels, …).");
        }

        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        string? File(string key, bool required) => FilePath(values, key, required, paths, issues);
        var description = File("description", required: true);
        var notice = File("notice", required: true);
        var queries = File("queries", required: true);
        var candidates = File("candidates", required: false);
        var catalogue = File("catalogue", required: false);
        var qrels = File("qrels", required: format is null);
        var reported = File("reported", required: false);

        var tracks = Tracks(values, issues);
        var facets = Identifiers(values, "facets", issues, required: false);
        var measures = Measures(values, issues);
        var primary = Primary(values, measures, issues);
        var depth = Number(values, "depth", 1, Measure.MaxCutoff, issues);
        var relevanceLevel = Number(values, "relevance_level", 1, int.MaxValue, issues) ?? 1;

        if (candidates is not null && catalogue is not null)
        {
            issues.Add(BundleIssueCode.Conflict, values["catalogue"].Start, "catalogue",
                "A benchmark has closed pools ('candidates') or an open catalogue ('catalogue'), not both: remove one of the two keys.");
        }

        if (values.TryGetValue("catalogue", out var catalogueNode) && !values.ContainsKey("depth"))
        {
            issues.Add(BundleIssueCode.MissingKey, catalogueNode.Start, "depth",
                "With an open catalogue, 'depth' is required: how many items a run may rank per query, such as 'depth: 100'.");
        }

        if (format is not null)
        {
            foreach (var key in _releasedFormatHolds.Where(values.ContainsKey))
            {
                issues.Add(BundleIssueCode.Conflict, values[key].Start, key,
                    $"With 'format: {format}' the released file named by 'queries' holds the pools and the answers: remove '{key}'.");
            }
        }

        if (depth is { } d)
        {
            foreach (var measure in measures.Where(m => m.Cutoff > d))
            {
                issues.Add(BundleIssueCode.Conflict, values["measures"].Start, "measures",
                    $"{measure} counts {measure.Cutoff} items but 'depth' is {d}: no run can rank that many. Lower the cut-off or raise 'depth'.");
            }
        }

        return new BenchmarkManifest(name ?? string.Empty, title ?? string.Empty, description, notice, queries, candidates, catalogue, qrels,
            tracks, measures, primary, depth, relevanceLevel, facets, reported, format);
    }

    private static List<BenchmarkTrack> Tracks(Dictionary<string, Node> values, Issues issues)
    {
        var tracks = new List<BenchmarkTrack>();
        var items = List(values, "tracks", issues, required: true);
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"tracks[{i + 1}]";
            if (items[i] is ScalarNode { IsNull: true })
            {
                Scalar(items[i], field, issues);
                continue;
            }

            if (items[i] is not MapNode map)
            {
                issues.Add(BundleIssueCode.WrongType, items[i].Start, field,
                    "Each track is keys with values, such as '{key: text, title: \"Text\", inputs: [text]}'.");
                continue;
            }

            var track = Keys(map, _trackKeys, field + ".", issues);
            var key = Text(track, "key", issues, required: true, field + ".", map.Start);
            if (key is not null && !TrackKeyPattern().IsMatch(key))
            {
                issues.Add(BundleIssueCode.BadValue, track["key"].Start, field + ".key",
                    $"{BundleIssue.Quote(key)} is not a usable track key: it is a URL segment, so use lowercase letters a-z, digits, and '-' or '+' between them, such as 'text' or 'audio+query'.");
                key = null;
            }

            if (key is not null && !seen.TryAdd(key, track["key"].Start.Line))
            {
                issues.Add(BundleIssueCode.DuplicateValue, track["key"].Start, field + ".key",
                    $"The track key {BundleIssue.Quote(key)} is already used on line {seen[key]}; each track needs its own.");
            }

            var title = Text(track, "title", issues, required: true, field + ".", map.Start);
            var inputs = Identifiers(track, "inputs", issues, required: true, field + ".", map.Start);
            if (key is not null && title is not null)
            {
                tracks.Add(new BenchmarkTrack(key, title, inputs));
            }
        }

        return tracks;
    }

    private static List<Measure> Measures(Dictionary<string, Node> values, Issues issues)
    {
        var measures = new List<Measure>();
        var items = List(values, "measures", issues, required: true);
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"measures[{i + 1}]";
            if (Scalar(items[i], field, issues) is not { } text)
            {
                continue;
            }

            if (!Measure.TryParse(text, out var measure, out var error))
            {
                issues.Add(BundleIssueCode.BadValue, items[i].Start, field, error + ".");
            }
            else if (measures.Contains(measure))
            {
                issues.Add(BundleIssueCode.DuplicateValue, items[i].Start, field, $"{BundleIssue.Quote(text)} is {measure}, already listed; list each measure once.");
            }
            else
            {
                measures.Add(measure);
            }
        }

        if (values.TryGetValue("measures", out var node) && items.Count == 0)
        {
            issues.Add(BundleIssueCode.BadValue, node.Start, "measures", "List at least one measure, such as '[nDCG@20, R@20, RR]'.");
        }

        return measures;
    }

    private static Measure? Primary(Dictionary<string, Node> values, List<Measure> measures, Issues issues)
    {
        if (Text(values, "primary", issues, required: true) is not { } text)
        {
            return null;
        }

        if (!Measure.TryParse(text, out var primary, out var error))
        {
            issues.Add(BundleIssueCode.BadValue, values["primary"].Start, "primary", error + ".");
            return null;
        }

        if (measures.Count > 0 && !measures.Contains(primary))
        {
            issues.Add(BundleIssueCode.Conflict, values["primary"].Start, "primary",
                $"{primary} is not among the measures ({string.Join(", ", measures)}): boards sort by it, so add it to 'measures' or choose one of them.");
            return null;
        }

        return primary;
    }

    /// <summary>A path inside the bundle: relative, with '/' between folders, never climbing out or naming the manifest, and named by one key only.</summary>
    private static string? FilePath(Dictionary<string, Node> values, string key, bool required, Dictionary<string, string> paths, Issues issues)
    {
        if (Text(values, key, issues, required) is not { } path)
        {
            return null;
        }

        var node = values[key];
        if (BundleFiles.UnsafeReason(path) is { } reason)
        {
            issues.Add(BundleIssueCode.UnsafePath, node.Start, key, $"{BundleIssue.Quote(path)} {reason}; name a file inside the bundle by its relative path, such as 'qrels.txt' or 'data/qrels.txt'.");
            return null;
        }

        if (path == BenchmarkManifest.FileName)
        {
            issues.Add(BundleIssueCode.BadValue, node.Start, key, $"'{key}' names the manifest itself; name the {key} file.");
            return null;
        }

        if (!paths.TryAdd(path, key))
        {
            issues.Add(BundleIssueCode.DuplicateValue, node.Start, key, $"{BundleIssue.Quote(path)} is already named by '{paths[path]}'; each key names its own file.");
            return null;
        }

        return path;
    }

    private static List<string> Identifiers(Dictionary<string, Node> values, string key, Issues issues, bool required, string prefix = "", Mark? owner = null)
    {
        var names = new List<string>();
        var items = List(values, key, issues, required, prefix, owner);
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"{prefix}{key}[{i + 1}]";
            if (Scalar(items[i], field, issues) is not { } name)
            {
                continue;
            }

            if (!IdentifierPattern().IsMatch(name))
            {
                issues.Add(BundleIssueCode.BadValue, items[i].Start, field,
                    $"{BundleIssue.Quote(name)} is not a usable name: it is a JSON key of every query, so use lowercase letters a-z, digits and '_', starting with a letter, such as 'text' or 'genre'.");
            }
            else if (names.Contains(name))
            {
                issues.Add(BundleIssueCode.DuplicateValue, items[i].Start, field, $"{BundleIssue.Quote(name)} is listed twice; list it once.");
            }
            else
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static int? Number(Dictionary<string, Node> values, string key, int min, int max, Issues issues)
    {
        if (Text(values, key, issues, required: false) is not { } text)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            issues.Add(BundleIssueCode.BadValue, values[key].Start, key,
                $"{BundleIssue.Quote(text)} is not a whole number from {min.ToString("N0", CultureInfo.InvariantCulture)} to {max.ToString("N0", CultureInfo.InvariantCulture)}.");
            return null;
        }

        return number;
    }

    /// <summary>The text of a key; a missing required key, an empty value or a list or mapping in its place is reported.</summary>
    private static string? Text(Dictionary<string, Node> values, string key, Issues issues, bool required, string prefix = "", Mark? owner = null)
    {
        if (!values.TryGetValue(key, out var node))
        {
            if (required)
            {
                issues.Missing(prefix + key, owner);
            }

            return null;
        }

        return Scalar(node, prefix + key, issues);
    }

    private static string? Scalar(Node node, string field, Issues issues)
    {
        switch (node)
        {
            case ScalarNode { IsNull: false } scalar when scalar.Value.Trim().Length > 0:
                return scalar.Value;
            case ScalarNode:
                issues.Add(BundleIssueCode.EmptyItem, node.Start, field, field.EndsWith(']')
                    ? "The list item is empty: a '-' (or a ',') with nothing after it. Remove the stray '-' or give the value."
                    : "The key has no value; give one after the ':' or remove the key.");
                return null;
            default:
                issues.Add(BundleIssueCode.WrongType, node.Start, field, $"Expected a single value, found {Describe(node)}.");
                return null;
        }
    }

    private static IReadOnlyList<Node> List(Dictionary<string, Node> values, string key, Issues issues, bool required, string prefix = "", Mark? owner = null)
    {
        if (!values.TryGetValue(key, out var node))
        {
            if (required)
            {
                issues.Missing(prefix + key, owner);
            }

            return [];
        }

        if (node is ListNode list)
        {
            return list.Items;
        }

        issues.Add(BundleIssueCode.WrongType, node.Start, prefix + key, node is ScalarNode { IsNull: true }
            ? "The key has no value; give a list, such as '[a, b]' or lines starting with '- '."
            : $"Expected a list, such as '[a, b]' or lines starting with '- ', found {Describe(node)}.");
        return [];
    }

    private static string Describe(Node node) => node switch
    {
        ListNode => "a list (lines starting with '-', or [...])",
        MapNode => "keys with values (key: value)",
        _ => "a single value",
    };

    /// <summary>The known keys of a mapping; unknown keys (with the nearest known one) and keys given twice are reported.</summary>
    private static Dictionary<string, Node> Keys(MapNode map, string[] known, string prefix, Issues issues)
    {
        var values = new Dictionary<string, Node>(StringComparer.Ordinal);
        var lines = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Entries)
        {
            if (keyNode is not ScalarNode { IsNull: false } scalar)
            {
                issues.Add(BundleIssueCode.WrongType, keyNode.Start, prefix.TrimEnd('.'), "A key must be a single word, such as 'name'.");
                continue;
            }

            var key = scalar.Value;
            if (!lines.TryAdd(key, keyNode.Start.Line))
            {
                issues.Add(BundleIssueCode.DuplicateKey, keyNode.Start, prefix + key,
                    $"The key is given again (first on line {lines[key]}); YAML readers disagree on which value counts, so give it once.");
                continue;
            }

            if (!known.Contains(key))
            {
                var suggestion = Spelling.Suggestion(key, known);
                issues.Add(BundleIssueCode.UnknownKey, keyNode.Start, prefix + key, suggestion.Length > 0
                    ? $"{BundleIssue.Quote(key)} is not a key of the manifest.{suggestion}"
                    : $"{BundleIssue.Quote(key)} is not a key of the manifest; the keys are {string.Join(", ", known)}.");
                continue;
            }

            values[key] = value;
        }

        return values;
    }

    /// <summary>Builds the tree of the one YAML document; null after a syntax error or for an empty manifest (both reported).</summary>
    private static Node? Parse(string text, Issues issues)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.MoveNext(); // StreamStart
            parser.MoveNext();
            if (parser.Current is StreamEnd)
            {
                issues.Add(BundleIssueCode.EmptyFile, default, string.Empty, "The manifest is empty; start with 'name: …' (docs/benchmarks.md lists the keys).");
                return null;
            }

            parser.MoveNext(); // past DocumentStart
            var root = Build(parser, 0, issues);
            parser.MoveNext(); // past DocumentEnd
            if (parser.Current is DocumentStart start)
            {
                issues.Add(BundleIssueCode.YamlSyntax, start.Start, string.Empty, "The manifest holds more than one YAML document ('---'); keep one.");
                return null;
            }

            return root;
        }
        catch (YamlException ex)
        {
            issues.Add(BundleIssueCode.YamlSyntax, ex.Start, string.Empty, $"This is not valid YAML: {YamlMessage(ex)}. Reading stopped here.");
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these, not a YamlException, on some malformed plain scalars and on a tag that is not a
            // URI (found by fuzzing: tests/Leaderboard.Fuzz/Findings/manifest); no position, so the last event read is named.
            issues.Add(BundleIssueCode.YamlSyntax, parser.Current?.Start ?? default, string.Empty, "This is not valid YAML: a plain value the YAML reader cannot scan (check quotes, colons and indentation here). Reading stopped here.");
            return null;
        }
    }

    /// <summary>The node at the parser's event, leaving the parser after it.</summary>
    private static Node Build(Parser parser, int depth, Issues issues)
    {
        // The events ran out inside a list or mapping (YamlDotNet does not always say so itself; found by fuzzing).
        var current = parser.Current ?? throw new YamlException("the manifest ends inside a list or mapping");
        if (depth > MaxDepth && current is MappingStart or SequenceStart)
        {
            issues.Add(BundleIssueCode.WrongType, current.Start, string.Empty, $"Lists and mappings are nested more than {MaxDepth} deep; no key of a manifest needs that.");
            Skip(parser);
            return new ScalarNode(string.Empty, true, current.Start);
        }

        parser.MoveNext();
        switch (current)
        {
            case Scalar scalar:
                return new ScalarNode(scalar.Value, scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL", scalar.Start);
            case SequenceStart:
                var items = new List<Node>();
                while (parser.Current is not SequenceEnd)
                {
                    items.Add(Build(parser, depth + 1, issues));
                }

                parser.MoveNext();
                return new ListNode(items, current.Start);
            case MappingStart:
                var entries = new List<(Node, Node)>();
                while (parser.Current is not MappingEnd)
                {
                    var key = Build(parser, depth + 1, issues);
                    entries.Add((key, Build(parser, depth + 1, issues)));
                }

                parser.MoveNext();
                return new MapNode(entries, current.Start);
            default:
                issues.Add(BundleIssueCode.WrongType, current.Start, string.Empty, "Aliases ('*name') are not used in a manifest; write the value out.");
                return new ScalarNode(string.Empty, true, current.Start);
        }
    }

    /// <summary>Moves past a whole list or mapping without building it.</summary>
    private static void Skip(Parser parser)
    {
        var open = 0;
        do
        {
            open += parser.Current switch
            {
                MappingStart or SequenceStart => 1,
                MappingEnd or SequenceEnd => -1,
                _ => 0,
            };
            parser.MoveNext();
        }
        while (open > 0);
    }

    /// <summary>YamlDotNet's message without its "(Line: …, Col: …, Idx: …) - (…): " prefix: the issue gives the place.</summary>
    private static string YamlMessage(YamlException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return (cut >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(cut + 3)..] : message).TrimEnd('.');
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[a-z0-9]+([-+][a-z0-9]+)*$")]
    private static partial Regex TrackKeyPattern();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex IdentifierPattern();

    private abstract record Node(Mark Start);

    private sealed record ScalarNode(string Value, bool IsNull, Mark Start) : Node(Start);

    private sealed record ListNode(IReadOnlyList<Node> Items, Mark Start) : Node(Start);

    private sealed record MapNode(IReadOnlyList<(Node Key, Node Value)> Entries, Mark Start) : Node(Start);

    /// <summary>Issues of the manifest file, placed at YAML marks.</summary>
    private sealed class Issues(BundleReport report)
    {
        public void Add(BundleIssueCode code, Mark at, string field, string message) =>
            report.Add(new BundleIssue(code, BenchmarkManifest.FileName, at.Line, (int)Math.Min(at.Column, int.MaxValue), field, message));

        public void Missing(string field, Mark? owner) =>
            Add(BundleIssueCode.MissingKey, owner ?? default, field, $"The key '{field}' is required (docs/benchmarks.md lists the keys).");
    }
}
