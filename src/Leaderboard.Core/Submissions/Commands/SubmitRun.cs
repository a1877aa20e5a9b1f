using System.Globalization;
using Leaderboard.Core.Accounts;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Containers;
using Leaderboard.Core.Runs;

namespace Leaderboard.Core.Submissions.Commands;

/// <summary>What a team sends with a ranking file.</summary>
/// <param name="Track">The track, or one of its aliases.</param>
/// <param name="Method">The method's name.</param>
/// <param name="Description">Markdown.</param>
/// <param name="PaperUrl">An http(s) link, optional.</param>
/// <param name="CodeUrl">An http(s) link, optional.</param>
/// <param name="FileName">The file's name on the team's side (shown, never used as a path).</param>
/// <param name="Length">The file's size as announced, checked before it is read.</param>
/// <param name="Content">The file.</param>
/// <param name="Baseline">Set only by the portal's own baseline job: which baseline this run is.</param>
/// <param name="IdempotencyKey">The client's key (API header or form field): a retry with it within 24 h returns the first submission.</param>
/// <param name="PersonId">Who the upload counts against beside the team (<see cref="Submission.PersonId"/>).</param>
public sealed record SubmitRunInput(string Track, string Method, string? Description, string? PaperUrl, string? CodeUrl, string FileName, long Length, Stream Content, string? Baseline = null, string? IdempotencyKey = null, long? PersonId = null);

/// <summary>What a team sends for an image submission: the same fields as an upload, an image reference in place of the file.</summary>
public sealed record SubmitImageInput(string Track, string Method, string? Description, string? PaperUrl, string? CodeUrl, string ImageReference, string? IdempotencyKey = null, long? PersonId = null);

/// <summary>The outcome of an upload: the new submission's id, or the problems that stopped it (field → message).</summary>
/// <param name="SubmissionId">The new submission (or, when <paramref name="Replayed"/>, the one made earlier with the same idempotency key); null when refused.</param>
/// <param name="Errors">
/// Field → message; the key <see cref="SubmitRun.QuotaField"/> for a quota, <see cref="SubmitRun.ClosedField"/> after the deadline,
/// <see cref="SubmitRun.IdempotencyField"/> when the key was used for a different request, <see cref="SubmitRun.DisabledField"/>
/// when the organizers disabled the team.
/// </param>
/// <param name="Replayed">A retry: nothing new was stored.</param>
public sealed record SubmitRunResult(long? SubmissionId, IReadOnlyDictionary<string, string> Errors, bool Replayed = false)
{
    public bool OverQuota => Errors.ContainsKey(SubmitRun.QuotaField);

    public bool Closed => Errors.ContainsKey(SubmitRun.ClosedField);

    public bool KeyReused => Errors.ContainsKey(SubmitRun.IdempotencyField);

    public bool TeamDisabled => Errors.ContainsKey(SubmitRun.DisabledField);
}

/// <summary>
/// A submission while the team waits, uploaded file or container image alike. Cheap checks (deadline,
/// fields, size and first bytes of a file, the image reference's pattern, quotas) answer at once. A file
/// is then stored (temporary name, renamed when complete, SHA-256 recorded), the submission saved as
/// Received, and only then is validation enqueued, with the submission id alone; an image's submission is
/// saved as Received with source Image and its container run queued instead (<see cref="IBackgroundJobs.RunContainer"/>). After the
/// deadline, or over a quota, nothing is stored and the message says why (and when a quota resets).
/// The quota is checked once early (to refuse before storing the file) and again in the insert itself, which
/// cannot interleave with another upload's. With an idempotency key, a retry of the same request within
/// <see cref="KeyLifetime"/> returns the first submission; a different request under the same key is refused.
/// </summary>
public sealed class SubmitRun(ISubmissionRepository submissions, ICompetitionRepository competitions, UploadStore uploads, IBackgroundJobs jobs, PortalOptions options, TimeProvider clock)
{
    public const int MaxMethodLength = 120;
    public const int MaxDescriptionLength = 20_000;
    public const string QuotaField = "quota";
    public const string ClosedField = "deadline";
    public const string IdempotencyField = "idempotency_key";
    public const string DisabledField = "team";

    /// <summary>What a member of a disabled team reads, on the submit page and from the API alike.</summary>
    public const string DisabledMessage = "Your team is disabled by the organizers: it cannot submit, and its API tokens are refused. Its published results stay on the leaderboards. Ask the organizers why.";
    public const int MaxIdempotencyKeyLength = 255;

    /// <summary>How long an idempotency key keeps naming its submission.</summary>
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(24);

    public async Task<SubmitRunResult> RunAsync(Team team, SubmitRunInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var settings = await competitions.GetAsync(options.Benchmark);
        if (input.Baseline is null && (Closed(settings, now) ?? Disabled(team)) is { } refused)
        {
            return refused;
        }

        var errors = CheckFields(input.Track, input.Method, input.Description, input.PaperUrl, input.CodeUrl, out var track);
        if (input.Length <= 0)
        {
            errors["file"] = "The file is empty.";
        }
        else if (input.Length > options.MaxUploadBytes)
        {
            errors["file"] = $"The file is larger than the limit of {options.MaxUploadBytes >> 20} MiB; compress it with gzip.";
        }

        if (errors.Count == 0 && await SniffAsync(input.Content, cancellationToken) is { } problem)
        {
            errors["file"] = problem;
        }

        if (input.IdempotencyKey is { Length: > MaxIdempotencyKeyLength })
        {
            errors[IdempotencyField] = $"An Idempotency-Key may have at most {MaxIdempotencyKeyLength} characters.";
        }

        if (errors.Count == 0 && input.Baseline is null && await QuotaProblemAsync(team, input.PersonId, track, settings, now) is { } quota && !await IsRetryAsync(team, input.IdempotencyKey, now))
        {
            errors[QuotaField] = quota;
        }

        if (errors.Count > 0)
        {
            return new SubmitRunResult(null, errors);
        }

        var (stored, sha256, bytes) = await uploads.SaveAsync(input.Content, cancellationToken);
        var submission = NewSubmission(team, track, input.Method, input.Description, input.PaperUrl, input.CodeUrl, now) with
        {
            // Shown, never a path: only the last part of whatever the client sent (some send C:\…\run.txt).
            FileName = Path.GetFileName((input.FileName ?? string.Empty).Replace('\\', '/')),
            StoredFile = stored,
            Sha256 = sha256,
            Bytes = bytes,
            Kind = input.Baseline is null ? SubmissionKind.Team : SubmissionKind.Baseline,
            Baseline = input.Baseline,
            IdempotencyKey = input.IdempotencyKey,
            RequestSha256 = input.IdempotencyKey is null ? null : RequestHash(track, input.Method, input.Description, input.PaperUrl, input.CodeUrl, "file", sha256),
            PersonId = input.PersonId,
        };
        var result = await CreateAsync(team, submission, input.Baseline is null ? settings : null, now);
        if (result.SubmissionId is not { } id || result.Replayed)
        {
            // Refused or a retry: the file just stored belongs to no submission.
            uploads.Delete(stored);
            return result;
        }

        jobs.Validate(id);
        return result;
    }

    /// <summary>An image submission: the reference is checked against the strict pattern of <see cref="ImageReferences"/> (full references only); nothing is pulled while the team waits.</summary>
    public async Task<SubmitRunResult> RunImageAsync(Team team, SubmitImageInput input)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var settings = await competitions.GetAsync(options.Benchmark);
        if ((Closed(settings, now) ?? Disabled(team)) is { } refused)
        {
            return refused;
        }

        var errors = CheckFields(input.Track, input.Method, input.Description, input.PaperUrl, input.CodeUrl, out var track);
        var reference = input.ImageReference?.Trim() ?? string.Empty;
        if (!ImageReferences.IsValid(reference))
        {
            errors["image"] = "Give the image's full reference, with its registry: registry.example.org/team/ranker:1.0 or, better, …/ranker@sha256:<64 hex digits> (lower-case name, at most 255 characters). Short names and image ids are not accepted: the runner pulls every image from its registry.";
        }

        if (input.IdempotencyKey is { Length: > MaxIdempotencyKeyLength })
        {
            errors[IdempotencyField] = $"An Idempotency-Key may have at most {MaxIdempotencyKeyLength} characters.";
        }

        if (errors.Count == 0 && await QuotaProblemAsync(team, input.PersonId, track, settings, now) is { } quota && !await IsRetryAsync(team, input.IdempotencyKey, now))
        {
            errors[QuotaField] = quota;
        }

        if (errors.Count > 0)
        {
            return new SubmitRunResult(null, errors);
        }

        var submission = NewSubmission(team, track, input.Method, input.Description, input.PaperUrl, input.CodeUrl, now) with
        {
            Source = SubmissionSource.Image,
            ImageReference = reference,
            IdempotencyKey = input.IdempotencyKey,
            RequestSha256 = input.IdempotencyKey is null ? null : RequestHash(track, input.Method, input.Description, input.PaperUrl, input.CodeUrl, "image", reference),
            PersonId = input.PersonId,
        };
        var result = await CreateAsync(team, submission, settings, now);
        if (result.SubmissionId is { } id && !result.Replayed)
        {
            jobs.RunContainer(id);
        }

        return result;
    }

    /// <summary>
    /// The insert that re-checks the quota (null <paramref name="settings"/>: no quota, for baselines) and the
    /// idempotency key where no other upload can interleave.
    /// </summary>
    private async Task<SubmitRunResult> CreateAsync(Team team, Submission submission, CompetitionSettings? settings, DateTime now)
    {
        var quota = settings is null ? null : new QuotaLimits(now.Date, settings.DailyQuota, settings.TotalQuota, settings.DailyInvalidCap);
        var outcome = await submissions.TryCreateAsync(submission, quota, now - KeyLifetime);
        if (outcome.Id is { } id)
        {
            return new SubmitRunResult(id, new Dictionary<string, string>());
        }

        if (outcome.TeamDisabled)
        {
            return DisabledResult();
        }

        if (outcome.Existing is { } existing)
        {
            return existing.RequestSha256 == submission.RequestSha256
                ? new SubmitRunResult(existing.Id, new Dictionary<string, string>(), Replayed: true)
                : new SubmitRunResult(null, new Dictionary<string, string>
                {
                    [IdempotencyField] = $"This Idempotency-Key was used within the last {KeyLifetime.TotalHours:0} h for a different request (submission {existing.Id}). Send a new key for a new submission.",
                });
        }

        var problem = await QuotaProblemAsync(team, submission.PersonId, submission.Track, settings!, now)
            ?? $"Limit reached on {submission.Track}: another upload of your team took the last place just now.";
        return new SubmitRunResult(null, new Dictionary<string, string> { [QuotaField] = problem });
    }

    /// <summary>What identifies a request under an idempotency key: every field the team sent and the file's hash (or the image reference).</summary>
    private static string RequestHash(string track, string method, string? description, string? paperUrl, string? codeUrl, string source, string content)
    {
        var fields = string.Join('\0', track, method.Trim(), description ?? string.Empty, paperUrl?.Trim() ?? string.Empty, codeUrl?.Trim() ?? string.Empty, source, content);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(fields)));
    }

    private static SubmitRunResult? Closed(CompetitionSettings settings, DateTime now) =>
        settings.IsClosed(now)
            ? new SubmitRunResult(null, new Dictionary<string, string> { [ClosedField] = $"The competition closed on {Format(settings.Deadline!.Value)}: submissions are no longer accepted. The leaderboards stay open for reading." })
            : null;

    /// <summary>The refusal for a disabled team, checked before the file is stored and again in the insert (where a disable cannot slip between).</summary>
    private static SubmitRunResult? Disabled(Team team) => team.IsDisabled ? DisabledResult() : null;

    private static SubmitRunResult DisabledResult() => new(null, new Dictionary<string, string> { [DisabledField] = DisabledMessage });

    /// <summary>The fields every submission has, as the team gave them (the method name in its stored form, <see cref="DisplayNames.Clean"/>; links trimmed, empty ones dropped).</summary>
    private Submission NewSubmission(Team team, string track, string method, string? description, string? paperUrl, string? codeUrl, DateTime now) => new()
    {
        TeamId = team.Id,
        TeamName = team.Name,
        Benchmark = options.Benchmark,
        Track = track,
        Method = DisplayNames.Clean(method),
        Description = description ?? string.Empty,
        PaperUrl = string.IsNullOrWhiteSpace(paperUrl) ? null : paperUrl.Trim(),
        CodeUrl = string.IsNullOrWhiteSpace(codeUrl) ? null : codeUrl.Trim(),
        CreatedAt = now,
    };

    /// <summary>The checks of the fields every submission has (track, method, description, links): field → message.</summary>
    private static Dictionary<string, string> CheckFields(string trackName, string method, string? description, string? paperUrl, string? codeUrl, out string track)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Tracks.TryParse(trackName ?? string.Empty, out track))
        {
            errors["track"] = $"Choose a track: {string.Join(", ", Tracks.All)}.";
        }

        if (string.IsNullOrWhiteSpace(method) || method.Trim().Length > MaxMethodLength)
        {
            errors["method"] = $"Give the method a name of 1 to {MaxMethodLength} characters.";
        }
        else if (DisplayNames.Problem(method, MaxMethodLength) is { } nameProblem)
        {
            errors["method"] = nameProblem;
        }

        if ((description?.Length ?? 0) > MaxDescriptionLength)
        {
            errors["description"] = $"The description may have at most {MaxDescriptionLength:N0} characters.";
        }

        foreach (var (field, url) in new[] { ("paper_url", paperUrl), ("code_url", codeUrl) })
        {
            if (!string.IsNullOrWhiteSpace(url) && !IsWebLink(url))
            {
                errors[field] = "Links must be absolute http:// or https:// addresses.";
            }
        }

        return errors;
    }

    /// <summary>
    /// Whether an upload over the quota is a retry of one already stored, which must reach the key check, not be refused
    /// for the quota it used itself. Read after the quota's count, never before: a first upload committed between the two
    /// reads is then in both (read the other way round, its retry was refused with 429 on PostgreSQL).
    /// </summary>
    private async Task<bool> IsRetryAsync(Team team, string? idempotencyKey, DateTime now) =>
        idempotencyKey is not null && await submissions.FindByIdempotencyKeyAsync(team.Id, idempotencyKey, now - KeyLifetime) is not null;

    /// <summary>
    /// The quota a new upload would exceed, as a message with the limit, the use and the reset time; null when within.
    /// The team's quota first, then the person's: the same limits count per person across every team they uploaded
    /// for, so that leaving a team for a new one (or making throwaway teams) buys no extra probes of the answers.
    /// </summary>
    private async Task<string?> QuotaProblemAsync(Team team, long? personId, string track, CompetitionSettings settings, DateTime now)
    {
        var dayStart = now.Date;
        var problem = QuotaProblem(await submissions.GetQuotaUsageAsync(team.Id, options.Benchmark, track, dayStart), string.Empty, track, settings, now);
        return problem is null && personId is { } person
            ? QuotaProblem(await submissions.GetPersonQuotaUsageAsync(person, options.Benchmark, track, dayStart), " counted against you across all your teams", track, settings, now)
            : problem;
    }

    /// <summary>The message for one holder's use (the team's, or with <paramref name="whose"/> the person's); null within every quota.</summary>
    private static string? QuotaProblem(QuotaUsage usage, string whose, string track, CompetitionSettings settings, DateTime now)
    {
        var resets = now.Date.AddDays(1);
        var inWords = resets - now;
        var reset = $"It resets at {Format(resets)} (in {(int)inWords.TotalHours} h {inWords.Minutes} min).";
        if (usage.Total >= settings.TotalQuota)
        {
            return $"Total limit reached on {track}: {usage.Total} of {settings.TotalQuota} submissions{whose} used in this competition. Invalid and cancelled submissions do not count.";
        }

        if (usage.Today >= settings.DailyQuota)
        {
            return $"Daily limit reached on {track}: {usage.Today} of {settings.DailyQuota} submissions{whose} used today (UTC). {reset} Invalid and cancelled submissions do not count.";
        }

        return usage.InvalidToday >= settings.DailyInvalidCap
            ? $"Too many invalid files on {track} today: {usage.InvalidToday} of {settings.DailyInvalidCap}{whose}. Check your file with 'leaderboard validate' first. {reset}"
            : null;
    }

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A look at the first bytes, while the team waits: gzip, or text that could be a run. Anything else
    /// would only fail validation later. The stream is rewound for storing.
    /// </summary>
    private static async Task<string?> SniffAsync(Stream content, CancellationToken cancellationToken)
    {
        if (!content.CanSeek)
        {
            return null;
        }

        var head = new byte[4096];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        content.Seek(0, SeekOrigin.Begin);
        var bytes = head.AsSpan(0, read);
        if (bytes.StartsWith(new byte[] { 0x1F, 0x8B }))
        {
            return null;
        }

        if (Archives.Kind(bytes) is { } archive)
        {
            return ValidationIssue.Archive(archive, insideGzip: false).Message;
        }

        if (bytes.StartsWith(new byte[] { 0xFF, 0xFE }) || bytes.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            return "The file is UTF-16 text; save it as UTF-8 (or gzip it) and upload it again.";
        }

        return bytes.Contains((byte)0)
            ? "This is not a text ranking file (it holds binary data). Upload a TREC run or JSON Lines file, plain or gzip-compressed."
            : null;
    }

    public static bool IsWebLink(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
