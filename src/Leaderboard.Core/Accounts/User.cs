namespace Leaderboard.Core.Accounts;

/// <summary>A person with an account: a participant when in a team, an organizer when so marked.</summary>
public sealed record User
{
    public long Id { get; init; }

    public string Email { get; init; } = string.Empty;

    public string DisplayName { get; init; } = string.Empty;

    /// <summary>ASP.NET Core's PasswordHasher output (PBKDF2 with a per-password salt).</summary>
    public string PasswordHash { get; init; } = string.Empty;

    public bool IsOrganizer { get; init; }

    /// <summary>Set for a one-time password: the portal asks for a new one before anything else.</summary>
    public bool MustChangePassword { get; init; }

    public long? TeamId { get; init; }

    /// <summary>Changes with the password, role or team; a sign-in cookie carrying an older stamp is refused.</summary>
    public string SecurityStamp { get; init; } = string.Empty;

    public DateTime CreatedAt { get; init; }
}

/// <summary>Accounts. Emails are unique without regard to case.</summary>
public interface IUserRepository
{
    /// <returns>The new user's id, or null when the email is already registered.</returns>
    Task<long?> CreateAsync(string email, string displayName, string passwordHash, bool isOrganizer);

    Task<User?> GetAsync(long id);

    Task<User?> FindByEmailAsync(string email);

    /// <summary>The failed sign-ins counted under these keys (see <see cref="SignInThrottle"/>); keys never counted are left out.</summary>
    Task<IReadOnlyList<SignInFailures>> GetSignInFailuresAsync(IReadOnlyList<string> keys);

    /// <summary>Counts a failed sign-in under each key; a count whose last failure is before <paramref name="forgetBefore"/> starts again at one.</summary>
    Task RecordSignInFailureAsync(IReadOnlyList<string> keys, DateTime at, DateTime forgetBefore);

    Task ClearSignInFailuresAsync(IReadOnlyList<string> keys);

    /// <summary>Sets the password (renewing the security stamp); <paramref name="mustChange"/> marks a one-time password.</summary>
    Task SetPasswordAsync(long id, string passwordHash, bool mustChange);

    Task SetOrganizerAsync(long id);

    /// <summary>Joins (or with null leaves) a team; renews the security stamp.</summary>
    Task SetTeamAsync(long id, long? teamId);

    Task<IReadOnlyList<User>> ListByTeamAsync(long teamId);
}

/// <summary>What a password must be; shown on the forms and checked by the account commands.</summary>
public static class PasswordRules
{
    public const int MinLength = 10;
    public const int MaxLength = 200;
}
