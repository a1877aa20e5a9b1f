using Leaderboard.Core.Benchmarks;

namespace Leaderboard.Core.Tests;

public class ReportedResultTests
{
    [Fact]
    public void Musicrs_ShippedCsv_ReadsEveryPublishedRow()
    {
        var reported = ReportedResult.Musicrs();

        Assert.Equal(10, reported.Count);
        var clap = reported.Single(r => r.Model == "CLAP" && r.Track == Tracks.QueryOnly);
        Assert.Equal(22.71, clap.Recall20);
        Assert.Equal(15.90, clap.Ndcg20);
        Assert.Null(clap.Mrr);
        var popularity = reported.Single(r => r.Model == "Popularity");
        Assert.Null(popularity.Track);
        Assert.True(popularity.AppliesTo(Tracks.AudioOnly) && popularity.AppliesTo(Tracks.AudioQuery));
        Assert.Equal(Tracks.AudioQuery, reported.Single(r => r.Model == "Qwen2.5-Omni-7B" && r.Recall20 == 21.93).Track);
    }

    [Fact]
    public void Parse_QuotedFieldsWithCommasAndQuotes_Kept()
    {
        var rows = ReportedResult.Parse("model,track,recall_at_20,ndcg_at_20,mrr,source,note\n\"A, large\",audio_only,10.5,,0.2,\"paper \"\"v2\"\"\",\"x, y\"\n");

        var row = Assert.Single(rows);
        Assert.Equal("A, large", row.Model);
        Assert.Equal(Tracks.AudioOnly, row.Track);
        Assert.Equal(0.2, row.Mrr);
        Assert.Equal("paper \"v2\"", row.Source);
        Assert.Equal("x, y", row.Note);
    }

    [Fact]
    public void Parse_UnknownTrack_FormatExceptionWithLine()
    {
        var ex = Assert.Throws<FormatException>(() => ReportedResult.Parse("h,h,h,h,h,h,h\nX,video-only,1,,,s,n\n"));

        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
    }
}
