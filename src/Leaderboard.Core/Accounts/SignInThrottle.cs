namespace Leaderboard.Core.Accounts;

/// <summary>The failed sign-ins counted under one key: how many, and when the last one was.</summary>
public sealed record SignInFailures(string Key, long Failures, DateTime LastFailureAt);

/// <summary>The three keys a sign-in attempt is counted under.</summary>
public sealed record SignInKeys(string Address, string Account, string AccountAtAddress)
{
    public IReadOnlyList<string> All => [Address, Account, AccountAtAddress];
}

/// <summary>
/// Slows down password guessing without locking anyone out. Failures are counted per client address, per
/// account (all addresses), and per account from one address. Past a key's free failures, the next attempt under
/// that key must wait a delay that doubles with each further failure (1 s, 2 s, 4 s …), counted from the last
/// failure; attempts refused for it are not checked, so they tell nothing about the password. The account-wide
/// delay stops at a few seconds: a guesser spread over many addresses cannot keep the owner out, only slow them.
/// A key with no failure for <see cref="ForgetAfter"/> starts again from zero.
/// </summary>
public static class SignInThrottle
{
    public const int AddressFreeFailures = 10;
    public const int AccountAddressFreeFailures = 5;
    public const int AccountFreeFailures = 20;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromHours(1);
    public static readonly TimeSpan AccountMaxDelay = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(24);

    public static SignInKeys KeysFor(string? email, string? address)
    {
        var account = (email ?? string.Empty).Trim().ToLowerInvariant();
        var from = string.IsNullOrEmpty(address) ? "unknown" : address;
        return new SignInKeys($"address:{from}", $"account:{account}", $"account-address:{account}|{from}");
    }

    /// <summary>How long the attempt under these keys must still wait; zero when it may be checked now.</summary>
    public static TimeSpan Wait(SignInKeys keys, IEnumerable<SignInFailures> counted, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(counted);
        var wait = TimeSpan.Zero;
        foreach (var failures in counted.Where(f => now - f.LastFailureAt < ForgetAfter))
        {
            var delay = failures.Key == keys.Address ? Delay(failures.Failures, AddressFreeFailures, MaxDelay)
                : failures.Key == keys.Account ? Delay(failures.Failures, AccountFreeFailures, AccountMaxDelay)
                : Delay(failures.Failures, AccountAddressFreeFailures, MaxDelay);
            var left = failures.LastFailureAt + delay - now;
            wait = left > wait ? left : wait;
        }

        return wait;
    }

    private static TimeSpan Delay(long failures, int free, TimeSpan max) =>
        failures < free ? TimeSpan.Zero
        : failures - free >= 30 ? max
        : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failures - free), max.TotalSeconds));
}
