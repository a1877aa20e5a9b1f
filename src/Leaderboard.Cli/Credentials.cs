using System.Text.Json;

namespace Leaderboard.Cli;

/// <summary>
/// The portal and team token saved by <c>leaderboard login</c>, in the user's config folder
/// ($XDG_CONFIG_HOME/leaderboard, else ~/.config/leaderboard), readable by the user only (0600, folder 0700).
/// LEADERBOARD_URL and LEADERBOARD_TOKEN override it for scripts and CI.
/// </summary>
internal sealed record Credentials(string Url, string Token)
{
    public const string TokenVariable = "LEADERBOARD_TOKEN";
    public const string UrlVariable = "LEADERBOARD_URL";

    public static string FilePath
    {
        get
        {
            var configHome = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
            if (string.IsNullOrEmpty(configHome))
            {
                configHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            }

            return Path.Combine(configHome, "leaderboard", "credentials.json");
        }
    }

    public static Credentials? Load()
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Credentials>(File.ReadAllText(FilePath));
        }
        catch (JsonException)
        {
            throw new InputException($"{FilePath} is not a saved login; run 'leaderboard logout' then 'leaderboard login' again.");
        }
    }

    public void Save()
    {
        var directory = Path.GetDirectoryName(FilePath)!;
        var owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, owner | UnixFileMode.UserExecute);
        }

        // A new file, created with the owner-only mode: an old file's wider mode is never inherited.
        File.Delete(FilePath);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = owner;
        }

        using var stream = new FileStream(FilePath, options);
        JsonSerializer.Serialize(stream, this);
    }

    public static bool Delete()
    {
        var existed = File.Exists(FilePath);
        File.Delete(FilePath);
        return existed;
    }

    /// <summary>
    /// The portal to talk to (--url, LEADERBOARD_URL, then the saved login) and the token for it. The saved token
    /// goes only to the portal it was saved for.
    /// </summary>
    public static (Uri Url, string? Token) Resolve(string? url)
    {
        var saved = Load();
        var chosen = url ?? Environment.GetEnvironmentVariable(UrlVariable) ?? saved?.Url
            ?? throw new PortalException("No portal given: run 'leaderboard login --url URL' first, or give --url.");
        var address = ParseUrl(chosen);
        var token = Environment.GetEnvironmentVariable(TokenVariable);
        if (string.IsNullOrEmpty(token) && saved is not null && ParseUrl(saved.Url) == address)
        {
            token = saved.Token;
        }

        return (address, string.IsNullOrEmpty(token) ? null : token);
    }

    public static Uri ParseUrl(string url) =>
        Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var address) && address.Scheme is "http" or "https"
            ? address
            : throw new UsageException($"--url must be an http(s) address, not '{url}'.");
}
