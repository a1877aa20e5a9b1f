namespace Leaderboard.Baselines.Clap;

/// <summary>The CLAP model folder is not configured, or is missing a file, or holds a model of the wrong shape; the message says which.</summary>
public sealed class ClapModelException : Exception
{
    public ClapModelException()
    {
    }

    public ClapModelException(string message)
        : base(message)
    {
    }

    public ClapModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
