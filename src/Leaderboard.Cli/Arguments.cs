namespace Leaderboard.Cli;

/// <summary>
/// The parsed command line of one command: <c>--name value</c> options and <c>--flag</c> switches,
/// checked against what the command accepts, so that a typo is an error rather than ignored.
/// </summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private Arguments(IReadOnlyList<string> positionals) => Positionals = positionals;

    public IReadOnlyList<string> Positionals { get; }

    /// <summary>Parses <paramref name="args"/>; throws <see cref="UsageException"/> on anything not declared.</summary>
    public static Arguments Parse(IReadOnlyList<string> args, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flags)
    {
        var positionals = new List<string>();
        var parsed = new Arguments(positionals);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positionals.Add(arg);
                continue;
            }

            var name = arg[2..];
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            string? inlineValue = null;
            if (equals >= 0)
            {
                inlineValue = name[(equals + 1)..];
                name = name[..equals];
            }

            if (flags.Contains(name) && inlineValue is null)
            {
                parsed._flags.Add(name);
            }
            else if (valueOptions.Contains(name))
            {
                var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"--{name} needs a value."));
                if (!parsed._values.TryAdd(name, value))
                {
                    throw new UsageException($"--{name} is given twice.");
                }
            }
            else
            {
                throw new UsageException($"Unknown option '{arg}'.");
            }
        }

        return parsed;
    }

    public bool Has(string flag) => _flags.Contains(flag);

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public string Required(string name) =>
        _values.TryGetValue(name, out var value) ? value : throw new UsageException($"--{name} is required.");
}

/// <summary>The command line is wrong; the message says how. Exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>An input (file, benchmark) cannot be used; the message says why. Exit code 3.</summary>
internal sealed class InputException(string message) : Exception(message);
