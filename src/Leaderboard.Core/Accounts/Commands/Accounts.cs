using System.Net.Mail;
using System.Security.Cryptography;
using Leaderboard.Core.Competitions;
using Microsoft.AspNetCore.Identity;

namespace Leaderboard.Core.Accounts.Commands;

/// <summary>
/// The outcome of a sign-in: the user, or a message that says no more than it must; <paramref name="RetryAfter"/>
/// is set when the attempt was refused unchecked because of earlier failures.
/// </summary>
public sealed record SignInResult(User? User, string? Error, TimeSpan? RetryAfter = null);

/// <summary>
/// Registration, sign-in slowed down after failures (<see cref="SignInThrottle"/>), and the creation of
/// organizers. Passwords are hashed with ASP.NET Core's <see cref="PasswordHasher{TUser}"/> (PBKDF2, per-password
/// salt); a hash in an older format is re-hashed at the next successful sign-in.
/// </summary>
public sealed class Accounts(IUserRepository users, IAuditLog audit, TimeProvider clock)
{
    public const int MaxDisplayName = 80;

    private static readonly PasswordHasher<User> _hasher = new();

    /// <summary>A valid hash of a random password: what an unknown email is checked against.</summary>
    private static readonly string _dummyHash = _hasher.HashPassword(new User(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));

    /// <summary>Why these registration fields are not acceptable (field → message); empty when they are.</summary>
    public static Dictionary<string, string> Check(string? email, string? displayName, string? password)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(email) || email.Length > 200 || !MailAddress.TryCreate(email.Trim(), out var parsed) || parsed.Address != email.Trim())
        {
            errors["email"] = "Enter a valid email address.";
        }

        if (DisplayNames.Problem(displayName, MaxDisplayName) is { } nameProblem)
        {
            errors["displayName"] = $"{nameProblem} It is shown to your team.";
        }

        if (password is null || password.Length < PasswordRules.MinLength || password.Length > PasswordRules.MaxLength)
        {
            errors["password"] = $"Choose a password of at least {PasswordRules.MinLength} characters.";
        }

        return errors;
    }

    /// <returns>The new user's id, or the problems (field → message).</returns>
    public async Task<(long? Id, Dictionary<string, string> Errors)> RegisterAsync(string? email, string? displayName, string? password)
    {
        var errors = Check(email, displayName, password);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var id = await users.CreateAsync(email!, DisplayNames.Clean(displayName!), _hasher.HashPassword(new User(), password!), isOrganizer: false);
        if (id is null)
        {
            errors["email"] = "An account with this email exists already; sign in instead.";
            return (null, errors);
        }

        await audit.WriteAsync(email!.Trim(), "account: registered");
        return (id, errors);
    }

    /// <summary>
    /// Checks the password, unless earlier failures under this account or this <paramref name="address"/> ask the
    /// attempt to wait (<see cref="SignInThrottle"/>): then it is refused unchecked, with the time left.
    /// </summary>
    public async Task<SignInResult> SignInAsync(string? email, string? password, string? address)
    {
        const string Wrong = "The email or the password is wrong.";
        var now = clock.GetUtcNow().UtcDateTime;
        var keys = SignInThrottle.KeysFor(email, address);
        var wait = SignInThrottle.Wait(keys, await users.GetSignInFailuresAsync(keys.All), now);
        if (wait > TimeSpan.Zero)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            return new SignInResult(null, $"Too many failed sign-ins from this address or for this account: try again in {seconds} second(s).", TimeSpan.FromSeconds(seconds));
        }

        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email);

        // An unknown email is checked against a dummy hash, so that it takes as long as a wrong password.
        var verdict = _hasher.VerifyHashedPassword(user ?? new User(), user?.PasswordHash ?? _dummyHash, password ?? string.Empty);
        if (user is null || password is null || verdict == PasswordVerificationResult.Failed)
        {
            await users.RecordSignInFailureAsync(keys.All, now, now - SignInThrottle.ForgetAfter);
            return new SignInResult(null, Wrong);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await users.SetPasswordAsync(user.Id, _hasher.HashPassword(user, password), user.MustChangePassword);
        }

        // The address's own count stays: signing in to one's own account must not wipe the guesses made at others.
        await users.ClearSignInFailuresAsync([keys.Account, keys.AccountAtAddress]);
        return new SignInResult(await users.GetAsync(user.Id), null);
    }

    /// <summary>Changes the password after checking the current one; clears the must-change mark of a one-time password.</summary>
    /// <returns>Null on success, or the message for the form.</returns>
    public async Task<string?> ChangePasswordAsync(long userId, string? current, string? next)
    {
        var user = await users.GetAsync(userId);
        if (user is null || current is null || _hasher.VerifyHashedPassword(user, user.PasswordHash, current) == PasswordVerificationResult.Failed)
        {
            return "The current password is wrong.";
        }

        if (next is null || next.Length < PasswordRules.MinLength || next.Length > PasswordRules.MaxLength || next == current)
        {
            return $"Choose a new password of at least {PasswordRules.MinLength} characters, different from the current one.";
        }

        await users.SetPasswordAsync(userId, _hasher.HashPassword(user, next), mustChange: false);
        await audit.WriteAsync(user.Email, "account: password changed");
        return null;
    }

    /// <summary>
    /// Creates an organizer with a generated one-time password (printed by <c>leaderboard admin create</c>),
    /// or, for an existing account, makes it an organizer with a new one-time password. A given
    /// <paramref name="password"/> is one-time only when <paramref name="mustChange"/> says so.
    /// </summary>
    /// <returns>The password to hand over; null when <paramref name="password"/> was given.</returns>
    public async Task<string?> CreateOrganizerAsync(string email, string? password = null, bool mustChange = false)
    {
        var generated = password is null ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('/', '-').Replace('+', '_') : null;
        var secret = password ?? generated!;
        var errors = Check(email, "Organizer", secret);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors.Values));
        }

        var hash = _hasher.HashPassword(new User(), secret);
        var id = await users.CreateAsync(email, email.Split('@')[0], hash, isOrganizer: true)
            ?? (await users.FindByEmailAsync(email))!.Id;
        await users.SetOrganizerAsync(id);
        await users.SetPasswordAsync(id, hash, mustChange: mustChange || generated is not null);

        await audit.WriteAsync("command line", "account: organizer created", reason: email.Trim());
        return generated;
    }

}
