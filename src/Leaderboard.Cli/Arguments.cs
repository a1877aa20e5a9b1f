using System.CommandLine;

namespace Leaderboard.Cli;

/// <summary>
/// The parsed values of one command, read by option name. System.CommandLine checks the names and arities;
/// the commands check combinations themselves (eval's two modes), with the messages the README documents.
/// </summary>
internal sealed class Arguments(ParseResult result)
{
    public TextWriter Output => result.InvocationConfiguration.Output;

    public bool Has(string flag) => result.GetValue<bool>("--" + flag);

    public string? Optional(string name) => result.GetValue<string>("--" + name);

    public string Required(string name) => Optional(name) ?? throw new UsageException($"--{name} is required.");

    /// <summary>Every value of a repeatable option (declared with <see cref="Options.Values"/>), in order; none when absent.</summary>
    public string[] All(string name) => result.GetValue<string[]>("--" + name) ?? [];

    /// <summary>A positional argument (declared with <see cref="Options.Positional"/>), or null when absent.</summary>
    public string? Positional(string name) => result.GetValue<string>(name);
}

/// <summary>Declares options the same way in every command.</summary>
internal static class Options
{
    public static Option<string> Value(string name, string valueName, string description) =>
        new("--" + name) { Description = description, HelpName = valueName };

    /// <summary>An option that may be given several times, each time with one value; <paramref name="alias"/> is its short form.</summary>
    public static Option<string[]> Values(string name, string alias, string valueName, string description) =>
        new("--" + name, alias) { Description = description, HelpName = valueName, Arity = ArgumentArity.ZeroOrMore };

    public static Option<bool> Flag(string name, string description) => new("--" + name) { Description = description };

    public static Argument<string> Positional(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.ZeroOrOne };

    /// <summary>A command whose action gets the parsed <see cref="Arguments"/>.</summary>
    public static Command Command(string name, string description, Func<Arguments, int> run, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        Add(command, symbols);
        command.SetAction(result => run(new Arguments(result)));
        return command;
    }

    public static Command Command(string name, string description, Func<Arguments, CancellationToken, Task<int>> run, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        Add(command, symbols);
        command.SetAction((result, cancellationToken) => run(new Arguments(result), cancellationToken));
        return command;
    }

    private static void Add(Command command, Symbol[] symbols)
    {
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Option option:
                    command.Options.Add(option);
                    break;
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Command subcommand:
                    command.Subcommands.Add(subcommand);
                    break;
                default:
                    throw new ArgumentException($"Not an option, argument or command: {symbol.Name}", nameof(symbols));
            }
        }
    }
}

/// <summary>The command line is wrong; the message says how. Exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>An input (file, benchmark) cannot be used; the message says why. Exit code 3.</summary>
internal sealed class InputException(string message) : Exception(message);
