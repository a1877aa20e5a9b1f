using System.Net.Mail;
using System.Security.Cryptography;
using Leaderboard.Core.Accounts;
using Leaderboard.Core.Competitions;
using Microsoft.AspNetCore.Identity;

namespace Leaderboard.Jobs.Accounts;

/// <summary>The outcome of a sign-in: the user, or a message that says no more than it must.</summary>
public sealed record SignInResult(User? User, string? Error);

/// <summary>
/// Registration, sign-in with lock-out, and the creation of organizers. Passwords are hashed with ASP.NET
/// Core's <see cref="PasswordHasher{TUser}"/> (PBKDF2, per-password salt); a hash in an older format is
/// re-hashed at the next successful sign-in.
/// </summary>
public sealed class Accounts(IUserRepository users, IAuditLog audit, TimeProvider clock)
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockOutFor = TimeSpan.FromMinutes(15);

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

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 80)
        {
            errors["displayName"] = "Give a name of 1 to 80 characters; it is shown to your team.";
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

        var id = await users.CreateAsync(email!, displayName!, _hasher.HashPassword(new User(), password!), isOrganizer: false);
        if (id is null)
        {
            errors["email"] = "An account with this email exists already; sign in instead.";
            return (null, errors);
        }

        await audit.WriteAsync(email!.Trim(), "account: registered");
        return (id, errors);
    }

    /// <summary>
    /// Checks the password. After <see cref="MaxFailedSignIns"/> failures in a row the account is locked for
    /// <see cref="LockOutFor"/>; a locked account is refused even with the right password.
    /// </summary>
    public async Task<SignInResult> SignInAsync(string? email, string? password)
    {
        const string Wrong = "The email or the password is wrong.";
        var now = clock.GetUtcNow().UtcDateTime;
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email);
        if (user is null || password is null)
        {
            // Hash anyway, so that an unknown email takes as long as a wrong password.
            _hasher.VerifyHashedPassword(new User(), _dummyHash, password ?? string.Empty);
            return new SignInResult(null, Wrong);
        }

        if (user.LockedUntil is { } until && until > now)
        {
            return new SignInResult(null, $"Too many failed sign-ins: this account is locked until {until:yyyy-MM-dd HH:mm} UTC.");
        }

        var verdict = _hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var lockNow = user.FailedSignIns + 1 >= MaxFailedSignIns;
            await users.RecordFailedSignInAsync(user.Id, lockNow ? now + LockOutFor : null);
            if (lockNow)
            {
                await audit.WriteAsync(user.Email, "account: locked out", reason: $"{MaxFailedSignIns} failed sign-ins");
                return new SignInResult(null, $"Too many failed sign-ins: this account is locked until {now + LockOutFor:yyyy-MM-dd HH:mm} UTC.");
            }

            return new SignInResult(null, Wrong);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await users.SetPasswordAsync(user.Id, _hasher.HashPassword(user, password), user.MustChangePassword);
        }

        if (user.FailedSignIns > 0 || user.LockedUntil is not null)
        {
            await users.ResetFailedSignInsAsync(user.Id);
        }

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
    /// or, for an existing account, makes it an organizer with a new one-time password.
    /// </summary>
    /// <returns>The password to hand over; null when <paramref name="password"/> was given.</returns>
    public async Task<string?> CreateOrganizerAsync(string email, string? password = null)
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
        await users.SetPasswordAsync(id, hash, mustChange: generated is not null);

        await audit.WriteAsync("command line", "account: organizer created", reason: email.Trim());
        return generated;
    }

}
