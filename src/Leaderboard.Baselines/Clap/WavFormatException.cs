namespace Leaderboard.Baselines.Clap;

/// <summary>A file that is not a WAV file this decoder can read; the message says what is wrong with it.</summary>
public sealed class WavFormatException : Exception
{
    public WavFormatException()
    {
    }

    public WavFormatException(string message)
        : base(message)
    {
    }

    public WavFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
