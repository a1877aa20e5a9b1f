namespace Leaderboard.Core.Baselines;

/// <summary>Settings of the in-house baselines (configuration section "Leaderboard:Baselines").</summary>
public sealed class BaselineOptions
{
    /// <summary>The CLAP model folder organizers provide (ONNX encoders, tokenizer, feature settings); without it the CLAP baseline is skipped.</summary>
    public string? ModelDirectory { get; set; }

    /// <summary>Reference recordings as <c>&lt;conversation id&gt;/*.wav</c>; without it the audio tracks' CLAP runs have no audio.</summary>
    public string? AudioDirectory { get; set; }
}
