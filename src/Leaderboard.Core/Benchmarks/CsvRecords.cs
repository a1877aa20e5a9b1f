using System.Text;

namespace Leaderboard.Core.Benchmarks;

/// <summary>One CSV record: its fields, the line it starts on, and whether a quote was left open at the end of the text.</summary>
internal sealed record CsvRecord(List<string> Fields, int Line, bool Unclosed);

/// <summary>Splits CSV text into records as RFC 4180 quotes them (a quoted field may hold commas, quotes doubled and line ends).</summary>
internal static class CsvRecords
{
    public static IEnumerable<CsvRecord> Read(string csv)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var start = 1;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (c == '\n')
            {
                line++;
            }

            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                yield return new CsvRecord(fields, start, false);
                fields = [];
                start = line;
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0 || quoted)
        {
            fields.Add(field.ToString().TrimEnd('\r'));
            yield return new CsvRecord(fields, start, quoted);
        }
    }
}
