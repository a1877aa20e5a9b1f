using System.Globalization;
using Leaderboard.Baselines.Text;

namespace Leaderboard.Baselines.Tests;

/// <summary>Against what CPython 3.11 prints (Data/cpython-random.txt, with the script that printed it).</summary>
public class PythonRandomTests
{
    private static IEnumerable<string[]> Lines(string kind) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "cpython-random.txt"))
            .Where(l => l.StartsWith(kind + " ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void GetRandBits_SeedsAndWidthsCPythonPrinted_SameNumbers()
    {
        var lines = Lines("bits").ToList();
        Assert.Equal(9, lines.Count);
        foreach (var fields in lines)
        {
            var random = new PythonRandom(ulong.Parse(fields[1], CultureInfo.InvariantCulture));
            var bits = int.Parse(fields[2], CultureInfo.InvariantCulture);

            var drawn = Enumerable.Range(0, 10).Select(_ => random.GetRandBits(bits).ToString(CultureInfo.InvariantCulture));

            Assert.Equal(fields[3..], drawn);
        }
    }

    [Fact]
    public void Shuffle_SuccessiveListsAfterOneSeed_SameOrdersAsCPython()
    {
        var lines = Lines("shuffle").ToList();
        Assert.Equal(2, lines.Count);
        foreach (var fields in lines)
        {
            var random = new PythonRandom(ulong.Parse(fields[1], CultureInfo.InvariantCulture));
            var sizes = fields[2].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture));
            var expected = string.Join(' ', fields[4..]);

            var shuffled = sizes.Select(n =>
            {
                var list = Enumerable.Range(0, n).ToList();
                random.Shuffle(list);
                return string.Join(' ', list);
            });

            Assert.Equal(expected, string.Join(" ; ", shuffled));
        }
    }
}
