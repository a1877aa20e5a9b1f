using System.CommandLine;

namespace Leaderboard.Cli.Tests;

/// <summary>The command line as System.CommandLine parses it: help everywhere, version, suggestions, completion.</summary>
public sealed class CommandLineTests
{
    public static TheoryData<string[]> EveryCommand()
    {
        var data = new TheoryData<string[]>();
        void Add(Command command, string[] path)
        {
            foreach (var sub in command.Subcommands)
            {
                string[] here = [.. path, sub.Name];
                data.Add(here);
                Add(sub, here);
            }
        }

        Add(CliApp.BuildRoot(TextWriter.Null), []);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public void Help_EveryCommandAndSubcommand_PrintsItsOptionsWithExitZero(string[] command)
    {
        foreach (var flag in new[] { "--help", "-h" })
        {
            var (exit, output, error) = Cli.Run([.. command, flag]);

            Assert.Equal(0, exit);
            Assert.Empty(error);
            // The usage line names the executable (here the test host) then the command.
            Assert.Contains($" {string.Join(' ', command)}", output.Split("Usage:")[1], StringComparison.Ordinal);
            Assert.Contains("--help", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Help_ValidateWithoutItsRequiredOptions_StillHelp()
    {
        var (exit, output, _) = Cli.Run("validate", "-h");

        Assert.Equal(0, exit);
        Assert.Contains("--benchmark <B>", output, StringComparison.Ordinal);
        Assert.Contains("--run <FILE>", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_EvalOptions_DescribeBothModes()
    {
        var (exit, output, _) = Cli.Run("eval", "--help");

        Assert.Equal(0, exit);
        foreach (var option in new[] { "--qrels", "--benchmark", "--run", "--per-query", "--complete", "--level", "--by-genre", "--json" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Version_PrintsTheToolVersion()
    {
        var (exit, output, _) = Cli.Run("--version");

        Assert.Equal(0, exit);
        Assert.Matches(@"^\d+\.\d+\.\d+", output);
    }

    [Theory]
    [InlineData(new[] { "evl" }, "Unknown command 'evl'. Did you mean 'eval'?")]
    [InlineData(new[] { "valdate" }, "Did you mean 'validate'?")]
    [InlineData(new[] { "validate", "--benchmark", "musicrs", "--run", "r", "--jsn" }, "Unknown option '--jsn'. Did you mean '--json'?")]
    [InlineData(new[] { "team" }, "team needs a command: create, list, show, invite, remove-member, revoke-token, disable, enable.")]
    [InlineData(new[] { "team", "craete" }, "Did you mean 'create'?")]
    public void Run_Mistyped_ExitTwoWithSuggestion(string[] args, string expected)
    {
        var (exit, _, error) = Cli.Run(args);

        Assert.Equal(2, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    /// <summary>
    /// Every command and subcommand, mistyped the two commonest ways (two neighbouring letters swapped, as
    /// <c>lgoin</c>; one letter left out), gets its name suggested.
    /// </summary>
    [Fact]
    public void Run_EveryCommandMistyped_SuggestsIt()
    {
        var missed = new List<string>();
        foreach (var (path, name) in Commands(CliApp.BuildRoot(TextWriter.Null), []))
        {
            foreach (var typo in new[] { name[1].ToString() + name[0] + name[2..], name[..^1] }.Where(t => t != name))
            {
                var (exit, _, error) = Cli.Run([.. path, typo]);
                if (exit != 2 || !error.Contains($"'{name}'", StringComparison.Ordinal))
                {
                    missed.Add($"{string.Join(' ', path.Append(typo))}: {error.Trim()}");
                }
            }
        }

        Assert.Empty(missed);
    }

    private static IEnumerable<(string[] Path, string Name)> Commands(System.CommandLine.Command parent, string[] path) =>
        parent.Subcommands.Where(c => !c.Hidden && c.Name.Length >= 3)
            .SelectMany(c => Commands(c, [.. path, c.Name]).Prepend((path, c.Name)));

    [Fact]
    public void Suggest_PartialCommandName_CompletesIt()
    {
        var (exit, output, _) = Cli.Run("[suggest:14]", "leaderboard ev");

        Assert.Equal(0, exit);
        Assert.Equal(["eval"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void Suggest_BaselineName_ListsTheBaselines()
    {
        var (_, output, _) = Cli.Run("[suggest:21]", "leaderboard baseline ");

        foreach (var name in new[] { "popularity", "random", "lexical", "neighbours", "neighbours-minilm", "dense-minilm", "clap" })
        {
            Assert.Contains(name, output.Split('\n', StringSplitOptions.TrimEntries));
        }
    }

    [Fact]
    public void Completion_Bash_PrintsAScriptUsingTheSuggestDirective()
    {
        var (exit, output, _) = Cli.Run("completion", "bash");

        Assert.Equal(0, exit);
        Assert.Contains("[suggest:${COMP_POINT}]", output, StringComparison.Ordinal);
        Assert.Contains("complete -o default -F _leaderboard_complete leaderboard", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_CommandName_SameAsItsHelpOption()
    {
        Assert.Equal(Cli.Run("validate", "--help").Out, Cli.Run("help", "validate").Out);
    }
}
