namespace Leaderboard.Fuzz.Tests;

/// <summary>
/// Every seed of the fuzzing corpus and every crash the fuzzer found (once fixed) goes through its
/// target on each test run, uninstrumented: a regression of a found bug fails here, not only under
/// afl-fuzz. Findings not fixed yet wait in Findings/&lt;target&gt;/open, which is not replayed.
/// </summary>
public class ReplayTests
{
    public static TheoryData<string, string> SeedsAndFindings()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in FuzzTargets.All.Keys)
        {
            foreach (var folder in new[] { "Corpus", "Findings" })
            {
                var directory = Path.Combine(AppContext.BaseDirectory, folder, target);
                if (!Directory.Exists(directory))
                {
                    continue;
                }

                foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
                {
                    data.Add(target, Path.GetRelativePath(AppContext.BaseDirectory, file));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SeedsAndFindings))]
    public void Target_SeedOrFixedFinding_HoldsItsContract(string target, string file)
    {
        var input = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, file));

        var error = Record.Exception(() => FuzzTargets.All[target](input));

        Assert.Null(error);
    }

    [Fact]
    public void Corpus_EveryTarget_HasSeeds()
    {
        var seeded = FuzzTargets.All.Keys.Where(target =>
            Directory.Exists(Path.Combine(AppContext.BaseDirectory, "Corpus", target))
            && Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Corpus", target)).Any());

        Assert.Equal(FuzzTargets.All.Keys.Order(StringComparer.Ordinal), seeded.Order(StringComparer.Ordinal));
    }
}
