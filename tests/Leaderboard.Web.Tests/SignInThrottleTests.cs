using System.Net;
using Leaderboard.Core.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Leaderboard.Web.Tests;

/// <summary>
/// Failed sign-ins slow the guesser down (per address, per account and address, and a small bounded delay per
/// account) but never lock the owner out. Each client comes from an address of its own (a test header sets
/// it), and the portal's clock is moved by hand, so no test sleeps.
/// </summary>
public sealed class SignInThrottleTests : IDisposable
{
    private const string Victim = "victim@example.org";
    private const string Attacker = "10.66.0.1";
    private const string Owner = "192.0.2.7";

    private readonly LeaderboardAppFactory _root = new() { Settings = new Dictionary<string, string> { ["Leaderboard:SignInsPerMinute"] = "10000" } };
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly WebApplicationFactory<Program> _app;

    public SignInThrottleTests()
    {
        _app = _root.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(_clock);
            s.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
        }));
    }

    public void Dispose()
    {
        _app.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task SignIn_AttackerHammersFromOneAddress_OwnerFromAnotherSignsInAtOnce()
    {
        await RegisterVictimAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
        {
            using var wrong = await SignInAsync(Attacker, Victim, $"guess number {i}");
            statuses.Add(wrong.StatusCode);
        }

        using var owner = await SignInAsync(Owner, Victim, LeaderboardAppFactory.Password);

        Assert.Equal(SignInThrottle.AccountAddressFreeFailures, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.All(statuses.Skip(SignInThrottle.AccountAddressFreeFailures), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
        Assert.Equal("/team", owner.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_AttackerWaitsOutEachDelay_RetryAfterGrowsAndTheRightPasswordIsRefusedToo()
    {
        await RegisterVictimAsync();
        var delays = new List<int>();
        for (var failures = 0; failures < 15;)
        {
            using var attempt = await SignInAsync(Attacker, Victim, $"guess number {failures}");
            if (attempt.StatusCode == HttpStatusCode.OK)
            {
                failures++;
                continue;
            }

            Assert.Equal(HttpStatusCode.TooManyRequests, attempt.StatusCode);
            var wait = RetryAfter(attempt);
            delays.Add(wait);

            // No oracle: within the window even the right password gets the same refusal, unchecked.
            using var right = await SignInAsync(Attacker, Victim, LeaderboardAppFactory.Password);
            Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
            Assert.Equal(wait, RetryAfter(right));
            _clock.Advance(TimeSpan.FromSeconds(wait));
        }

        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 512], delays);
    }

    [Fact]
    public async Task SignIn_Success_ResetsTheAccountsCounters()
    {
        await RegisterVictimAsync();
        for (var i = 0; i < SignInThrottle.AccountAddressFreeFailures; i++)
        {
            using var wrong = await SignInAsync(Owner, Victim, $"typo {i}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using (var slowed = await SignInAsync(Owner, Victim, "typo again"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
            _clock.Advance(TimeSpan.FromSeconds(RetryAfter(slowed)));
        }

        using var success = await SignInAsync(Owner, Victim, LeaderboardAppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, success.StatusCode);

        // The counters started again: the next typos are checked, not refused.
        for (var i = 0; i < SignInThrottle.AccountAddressFreeFailures - 1; i++)
        {
            using var typo = await SignInAsync(Owner, Victim, $"later typo {i}");
            Assert.Equal(HttpStatusCode.OK, typo.StatusCode);
        }
    }

    [Fact]
    public async Task SignIn_AfterADayWithoutFailure_CountersForgotten()
    {
        await RegisterVictimAsync();
        var last = HttpStatusCode.OK;
        for (var i = 0; i < 60 && last == HttpStatusCode.OK; i++)
        {
            using var wrong = await SignInAsync(Attacker, Victim, "guess");
            last = wrong.StatusCode;
        }

        _clock.Advance(SignInThrottle.ForgetAfter + TimeSpan.FromSeconds(1));
        using var later = await SignInAsync(Attacker, Victim, "another guess");

        Assert.Equal(HttpStatusCode.TooManyRequests, last);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task SignIn_ManyAddressesAgainstOneAccount_OwnerSlowedBrieflyNeverLockedOut()
    {
        await RegisterVictimAsync();
        for (var i = 0; i < 40; i++)
        {
            using var wrong = await SignInAsync($"10.77.0.{i + 1}", Victim, "sprayed guess");
            Assert.True(wrong.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"{wrong.StatusCode}");
        }

        using var slowed = await SignInAsync(Owner, Victim, LeaderboardAppFactory.Password);
        var wait = RetryAfter(slowed);
        _clock.Advance(TimeSpan.FromSeconds(wait));
        using var owner = await SignInAsync(Owner, Victim, LeaderboardAppFactory.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
        Assert.InRange(wait, 1, (int)SignInThrottle.AccountMaxDelay.TotalSeconds);
        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
    }

    [Fact]
    public async Task SignIn_OneAddressTriesManyAccounts_Slowed()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= SignInThrottle.AddressFreeFailures; i++)
        {
            using var wrong = await SignInAsync(Attacker, $"user{i}@example.org", "Password123!");
            statuses.Add(wrong.StatusCode);
        }

        Assert.All(statuses.Take(SignInThrottle.AddressFreeFailures), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task SignIn_FailureCounters_KeptInTheDatabaseAcrossRestarts()
    {
        await RegisterVictimAsync();
        for (var i = 0; i < SignInThrottle.AccountAddressFreeFailures; i++)
        {
            using (await SignInAsync(Attacker, Victim, "guess"))
            {
            }
        }

        // A second portal process on the same data (as after a restart) refuses the attacker's next attempt.
        using var restarted = new LeaderboardAppFactory(_root.DataDirectory) { Settings = new Dictionary<string, string> { ["Leaderboard:SignInsPerMinute"] = "10000" } };
        using var second = restarted.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(_clock);
            s.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
        }));
        using var attempt = await SignInAsync(second, Attacker, Victim, LeaderboardAppFactory.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, attempt.StatusCode);
    }

    private static int RetryAfter(HttpResponseMessage response) =>
        (int)response.Headers.RetryAfter!.Delta!.Value.TotalSeconds;

    private async Task RegisterVictimAsync()
    {
        var (id, errors) = await _app.Services.GetRequiredService<Core.Accounts.Commands.Accounts>().RegisterAsync(Victim, "Victim", LeaderboardAppFactory.Password);
        Assert.Empty(errors);
        Assert.NotNull(id);
    }

    private Task<HttpResponseMessage> SignInAsync(string address, string email, string password) => SignInAsync(_app, address, email, password);

    private static async Task<HttpResponseMessage> SignInAsync(WebApplicationFactory<Program> app, string address, string email, string password)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, address);
        return await LeaderboardAppFactory.PostFormAsync(client, "/account/signin", "/account/signin", new() { ["Email"] = email, ["Password"] = password });
    }

    /// <summary>The test server has no client address: take it from a header the tests send.</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public const string Header = "X-Test-Client-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
