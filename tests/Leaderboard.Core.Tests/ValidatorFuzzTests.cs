using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Leaderboard.Core.Runs;

namespace Leaderboard.Core.Tests;

/// <summary>
/// Random damage to valid files (flipped, inserted and deleted bytes, cuts, gzip), and pure noise:
/// the validator must always return a consistent report and never throw.
/// </summary>
public class ValidatorFuzzTests
{
    private static readonly byte[][] _seeds =
    [
        Encoding.UTF8.GetBytes(TestData.ValidTrec),
        Encoding.UTF8.GetBytes("{\"conversation_id\": \"q1\", \"ranking\": [\"c003\", \"Beta\"]}\n{\"conversation_id\": \"q2\", \"ranking\": []}\n{\"conversation_id\": \"q3\", \"ranking\": [\"Y\"]}\n"),
        Encoding.UTF8.GetBytes("{\"name\": \"q1\", \"predicted\": [\"Delta\"]}\n{\"name\": \"q2\", \"predicted\": [\"One\"]}\n{\"name\": \"q3\", \"predicted\": [\"X\"]}\n"),
    ];

    /// <summary>One damaged file: a seed, a list of edits, and whether the result is gzipped.</summary>
    public record Damaged(byte[] Bytes);

    public static class Files
    {
        private static readonly byte[] _interesting = "\0\n\r\t {}[]\",:\\0123456789.-eEINFa\u00ff"u8.ToArray();

        public static Arbitrary<Damaged> Generate()
        {
            var edit = from kind in Gen.Choose(0, 3)
                       from position in Gen.Choose(0, int.MaxValue)
                       from value in Gen.OneOf(Gen.Elements(_interesting), Gen.Choose(0, 255).Select(b => (byte)b))
                       select (kind, position, value);
            var damaged = from seed in Gen.Elements(_seeds)
                          from edits in edit.ListOf()
                          from gzip in Gen.Elements(false, false, true)
                          select new Damaged(Apply(seed, edits, gzip));
            var noise = from bytes in ArbMap.Default.GeneratorFor<byte[]>()
                        select new Damaged(bytes);
            return Gen.Frequency((4, damaged), (1, noise)).ToArbitrary();
        }

        private static byte[] Apply(byte[] seed, IEnumerable<(int Kind, int Position, byte Value)> edits, bool gzip)
        {
            var bytes = seed.ToList();
            foreach (var (kind, position, value) in edits)
            {
                var at = bytes.Count == 0 ? 0 : position % bytes.Count;
                switch (kind)
                {
                    case 0 when bytes.Count > 0: bytes[at] = value; break;
                    case 1: bytes.Insert(at, value); break;
                    case 2 when bytes.Count > 0: bytes.RemoveAt(at); break;
                    case 3: bytes.RemoveRange(at, bytes.Count - at); break;
                }
            }

            var result = bytes.ToArray();
            return gzip ? TestData.Gzip(result) : result;
        }
    }

    [Property(Arbitrary = [typeof(Files)], MaxTest = 2000)]
    public void Validate_DamagedFile_ConsistentReportNeverThrows(Damaged file)
    {
        var lines = file.Bytes.Count(b => b == (byte)'\n') + 1;

        var report = TestData.Validate(file.Bytes);

        Assert.Equal(report.TotalIssues == 0, report.IsValid);
        Assert.Equal(report.Run is not null, report.IsValid);
        Assert.Equal(Math.Min(report.TotalIssues, ValidationReport.MaxListedIssues), report.Issues.Count);
        Assert.All(report.Issues, i =>
        {
            Assert.InRange(i.Line, 0, report.IsGzip ? long.MaxValue : lines);
            Assert.NotEmpty(i.Message);
        });
    }
}
