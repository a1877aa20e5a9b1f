using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Leaderboard.Ui.ViewModels;

/// <summary>
/// Form problems shown beside their fields. Commands name fields as the API does ("paper_url"), forms as the
/// input classes do ("PaperUrl"): both are matched, ignoring case and underscores.
/// </summary>
public static class FieldErrors
{
    /// <summary>The messages for <paramref name="field"/>.</summary>
    public static IReadOnlyList<string> For(ModelStateDictionary state, string field)
    {
        ArgumentNullException.ThrowIfNull(state);
        return [.. state.Where(kv => Same(kv.Key, field)).SelectMany(kv => kv.Value!.Errors).Select(e => e.ErrorMessage)];
    }

    /// <summary>The id of the field's message for its aria-describedby; null when it has none.</summary>
    public static string? DescribedBy(ModelStateDictionary state, string field) => For(state, field).Count > 0 ? field + "-error" : null;

    /// <summary>The messages of no field in <paramref name="shownBeside"/>: shown above the form.</summary>
    public static IReadOnlyList<string> Others(ModelStateDictionary state, IReadOnlyCollection<string> shownBeside)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(shownBeside);
        return [.. state.Where(kv => !shownBeside.Any(f => Same(kv.Key, f))).SelectMany(kv => kv.Value!.Errors).Select(e => e.ErrorMessage)];
    }

    private static bool Same(string key, string field) =>
        string.Equals(key.Replace("_", string.Empty, StringComparison.Ordinal), field, StringComparison.OrdinalIgnoreCase);
}
