using System.CommandLine;

namespace Leaderboard.Cli;

/// <summary>
/// <c>leaderboard completion bash</c>: a completion script for bash (zsh with bashcompinit) that asks the
/// command itself through System.CommandLine's <c>[suggest:POSITION]</c> directive, so completions follow
/// the installed version. (The dotnet-suggest global tool uses the same directive.)
/// </summary>
internal static class CompletionCommand
{
    public const string BashScript = """
        _leaderboard_complete() {
          local IFS=$'\n'
          COMPREPLY=( $(compgen -W "$(leaderboard "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F _leaderboard_complete leaderboard

        """;

    public static Command Build()
    {
        var shell = Options.Positional("shell", "The shell: bash (zsh: after 'autoload bashcompinit && bashcompinit').");
        shell.CompletionSources.Add("bash");
        return Options.Command(
            "completion",
            "Prints a shell completion script: add 'source <(leaderboard completion bash)' to ~/.bashrc.",
            arguments =>
            {
                if (arguments.Positional("shell") is not "bash")
                {
                    throw new UsageException("completion needs the shell: bash.");
                }

                arguments.Output.Write(BashScript);
                return ExitCodes.Ok;
            },
            shell);
    }
}
