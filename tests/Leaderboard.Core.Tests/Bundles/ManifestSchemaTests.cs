using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Leaderboard.Core.Benchmarks.Bundles;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Leaderboard.Core.Tests.Bundles;

/// <summary>docs/benchmark.schema.json agrees with the manifest reader: what the reader takes, the schema takes, and the reader's refusals that a schema can express, it refuses too.</summary>
public class ManifestSchemaTests
{
    private static readonly JsonSchema _schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Bundles", "benchmark.schema.json")));

    public static TheoryData<string> ShippedManifests() => new()
    {
        Path.Combine(AppContext.BaseDirectory, "Bundles", "trec-sample", "benchmark.yaml"),
        Path.Combine(AppContext.BaseDirectory, "Bundles", "musicrs", "benchmark.yaml"),
    };

    [Theory]
    [MemberData(nameof(ShippedManifests))]
    public void Evaluate_ShippedManifest_IsValid(string path)
    {
        var yaml = File.ReadAllText(path);

        var result = Evaluate(yaml);

        Assert.True(result, path);
        Assert.Empty(Read(yaml).Issues);
    }

    [Fact]
    public void Evaluate_TinyManifest_IsValid() => Assert.True(Evaluate(TinyBundle.Manifest));

    [Theory]
    [InlineData("primary: nDCG@2", "primary: nDCG@2\nmesures: [RR]")]
    [InlineData("primary: nDCG@2\n", "")]
    [InlineData("name: tiny", "name: Tiny Bench")]
    [InlineData("measures: [nDCG@2, RR]", "measures: [nDCG@2, RR, MRR@10]")]
    [InlineData("measures: [nDCG@2, RR]", "measures: nDCG@2")]
    [InlineData("qrels: qrels.txt", "qrels: qrels.txt\ncatalogue: catalogue.jsonl\ndepth: 10")]
    [InlineData("candidates: candidates.jsonl", "catalogue: catalogue.jsonl")]
    [InlineData("qrels: qrels.txt", "qrels: ../qrels.txt")]
    [InlineData("qrels: qrels.txt\n", "")]
    [InlineData("facets: [genre]", "facets: [Genre]")]
    [InlineData("facets: [genre]", "facets: [genre]\nformat: csv")]
    [InlineData("facets: [genre]", "facets: [genre]\ndepth: 0")]
    [InlineData("{key: text, title: Text, inputs: [text]}", "{key: Text, title: Text, inputs: [text]}")]
    [InlineData("{key: text, title: Text, inputs: [text]}", "{key: text, title: Text, inputs: [text], extra: 1}")]
    public void Evaluate_ManifestTheReaderRefuses_IsRefused(string from, string to)
    {
        var yaml = TinyBundle.Manifest.Replace(from, to, StringComparison.Ordinal);

        var result = Evaluate(yaml);

        Assert.NotEmpty(Read(yaml).Issues);
        Assert.False(result);
    }

    private static BundleReport Read(string yaml)
    {
        var report = new BundleReport();
        ManifestReader.Read(yaml, report);
        return report;
    }

    private static bool Evaluate(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var json = ToJson(stream.Documents[0].RootNode);
        using var document = JsonDocument.Parse(json!.ToJsonString());
        return _schema.Evaluate(document.RootElement).IsValid;
    }

    /// <summary>YAML as JSON: plain scalars that are whole numbers become numbers, as YAML's core schema reads them.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(ToJson)]),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: var text } when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };
}
