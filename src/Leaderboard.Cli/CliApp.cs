using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Leaderboard.Core;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Engine.Trec;

namespace Leaderboard.Cli;

/// <summary>Entry point of the <c>leaderboard</c> command, separate from Main so tests can run it in-process.</summary>
internal static class CliApp
{
    public const string Usage = """
        leaderboard: validate and score MusiCRS runs exactly as the portal does, and submit them to it.

        Usage:
          leaderboard eval --qrels FILE --run FILE [--per-query] [--complete] [--level N]
              trec_eval-compatible: recall_20, ndcg_cut_20 and recip_rank as measure<TAB>qid<TAB>value
              (--per-query = trec_eval -q, --complete = -c, --level = -l).
          leaderboard eval --benchmark B --run FILE [--by-genre] [--json]
              The official MusiCRS protocol: Recall@20, nDCG@20 and MRR with 95 % bootstrap intervals.
          leaderboard validate --benchmark B --run FILE [--json]
              The validation report of a run; exit code 0 when valid, 1 when not.
          leaderboard export --benchmark B --public DIR
              The public data (conversations, candidate pools with ids, attribution); no ground truth.
          leaderboard export --benchmark B --qrels FILE
              For organizers: the hidden ground truth as TREC qrels judging every pool candidate.
          leaderboard baseline NAME --benchmark B --out FILE [--seed N] [--with-post]
              A baseline's run as JSON Lines: popularity (the paper's), random (seeded), lexical (BM25 of
              the query, --with-post adds the post, against candidate names), neighbours (query-word TF-IDF
              neighbours; transductive: uses other conversations' answers), neighbours-minilm (the paper's
              neighbour baseline with all-MiniLM-L6-v2; transductive) or dense-minilm (cosine of
              all-MiniLM-L6-v2 embeddings of the query and the candidate names).
          leaderboard baseline clap --benchmark B --model DIR [--audio DIR] --track TRACK --out FILE
              The CLAP-compatible ONNX baseline on one track (audio-only, query-only, audio+query): DIR
              holds text_model.onnx, audio_model.onnx, vocab.json, merges.txt, preprocessor_config.json;
              the audio folder holds <conversation id>/*.wav.
          leaderboard benchmark validate PATH [--json]
              For organizers: checks a benchmark bundle (its folder or .zip) completely, as an import
              will, and lists every problem with its file, line and field (docs/benchmarks.md); exit
              code 0 when valid, 1 when not.
          leaderboard team create --name NAME [--portal-config FILE | --data-dir DIR] [--create]
              For organizers: a new team in the portal's database and its API token, printed once.
          leaderboard team list | show --team ID | invite --team ID | remove-member --team ID --email E
                         | revoke-token --team ID --token ID | disable --team ID --reason TEXT | enable --team ID
              For organizers: the portal's team management (docs/organizers.md), each change in the audit log.
              invite prints a one-time code a person enters on the portal's /team page to join the team.
          leaderboard admin create --email EMAIL [--portal-config FILE | --data-dir DIR] [--create]
              For organizers: an organizer account with a one-time password, printed once (it must be
              changed at the first sign-in). For an existing account: makes it an organizer, new password.
              Both find the database from the portal's settings (appsettings.json, then environment
              variables such as Leaderboard__DataDirectory) and create one only with --create.

        Talking to a portal (add --json for scripts, --url URL for another portal):
          leaderboard login --url URL          saves a team token (asked for, or LEADERBOARD_TOKEN)
          leaderboard logout
          leaderboard submit --track T --method M [--description FILE.md] [--paper-url U] [--code-url U]
                             (--file RUN | --image REF) [--wait]
              Validates the run here first, uploads it, and with --wait follows it until it is final.
          leaderboard status ID [--wait]
          leaderboard submissions [--track T] [--status S] [--limit N] [--offset N]
          leaderboard board TRACK [--genre G] [--all-runs]
          leaderboard download --out DIR       the public data, each file checked against its SHA-256

        B is 'musicrs' (the released data shipped with this tool) or a path to a file in its format.
        Runs: TREC (conversation_id Q0 candidate_id rank score tag), JSON Lines
        ({"conversation_id": ..., "ranking": [ids or names]}) or the MusiCRS repository's
        {"name": ..., "predicted": [names]}; plain or gzip.
        Exit codes: 0 ok, 1 invalid run or bundle, 2 wrong command line, 3 unreadable or malformed input,
        4 files that trec_eval refuses to evaluate (eval --qrels: a qrels query missing from the run
        without --complete, a document retrieved or judged twice, a query judged only negatively),
        5 the portal cannot be reached or refused the request. submit --wait and status --wait exit 0
        when the submission ends Scored and 1 when it does not.
        Every command has --help (-h); 'leaderboard --version' prints the version.

        """;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, TextReader? stdin = null) =>
        RunAsync(args, stdout, stderr, stdin).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, TextReader? stdin = null)
    {
        if (args.Count == 0)
        {
            stdout.Write(Usage);
            return ExitCodes.Usage;
        }

        var parsed = BuildRoot(stderr, stdin).Parse(args);
        if (UsageError(parsed) is { } message)
        {
            stderr.WriteLine($"leaderboard: {message}");
            stderr.WriteLine("Run 'leaderboard help' or 'leaderboard COMMAND --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"leaderboard: {ex.Message}");
            stderr.WriteLine("Run 'leaderboard help' or 'leaderboard COMMAND --help' for usage.");
            return ExitCodes.Usage;
        }
        catch (PortalException ex)
        {
            stderr.WriteLine($"leaderboard: {ex.Message}");
            return ExitCodes.Portal;
        }
        catch (TrecEvaluationException ex)
        {
            stderr.WriteLine($"leaderboard: {ex.Message}");
            return ExitCodes.CannotEvaluate;
        }
        catch (Exception ex) when (ex is InputException or BenchmarkFormatException or TrecFormatException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"leaderboard: {ex.Message}");
            return ExitCodes.BadInput;
        }
    }

    /// <summary>Opens a file named on the command line, with a plain message when it cannot be.</summary>
    public static FileStream OpenInput(string path) =>
        File.Exists(path) ? File.OpenRead(path) : throw new InputException($"No such file: {path}");

    public static (Benchmark Benchmark, GroundTruth Truth) LoadBenchmark(Arguments arguments) =>
        BenchmarkCatalog.Load(arguments.Required("benchmark"));

    /// <summary>Every command; <paramref name="error"/> gets progress displays, <paramref name="input"/> is where login reads a token.</summary>
    internal static RootCommand BuildRoot(TextWriter error, TextReader? input = null)
    {
        input ??= TextReader.Null;
        var root = new RootCommand("leaderboard: validate and score MusiCRS runs exactly as the portal does, and submit them to it.")
        {
            EvalCommand.Build(),
            ValidateCommand.Build(),
            ExportCommand.Build(),
            BaselineCommand.Build(error),
            TeamCommand.Build(),
            BenchmarkCommand.Build(),
            AdminCommand.Build(),
            SubmitCommand.Build(error),
            DownloadCommand.Build(error),
            HelpCommand(),
            CompletionCommand.Build(),
        };
        foreach (var command in ClientCommands.Build(input, error))
        {
            root.Subcommands.Add(command);
        }

        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new OverviewHelpAction((HelpAction)help.Action!);
        return root;
    }

    /// <summary>
    /// The one message for a wrong command line, or null. Unknown words are named here (with the nearest
    /// known name) in the documented texts rather than in System.CommandLine's.
    /// </summary>
    private static string? UsageError(ParseResult parsed)
    {
        // Help, --version and the [suggest] directive answer whatever else is on the line.
        if (parsed.Action is not ParseErrorAction)
        {
            return null;
        }

        if (parsed.UnmatchedTokens.Count > 0)
        {
            var command = parsed.CommandResult.Command;
            var token = parsed.UnmatchedTokens[0];
            if (token.StartsWith('-'))
            {
                return $"Unknown option '{token}'.{Spelling.Suggestion(token, command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)))}";
            }

            return command.Subcommands.Count > 0
                ? $"Unknown command '{token}'.{Spelling.Suggestion(token, command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}"
                : $"Unexpected argument '{token}'.";
        }

        if (parsed.Errors.Count == 0)
        {
            return null;
        }

        var error = parsed.Errors[0];
        return error.SymbolResult switch
        {
            OptionResult { Tokens.Count: 0, IdentifierToken: { } name } => $"{name.Value} needs a value.",
            CommandResult { Command: { Action: null, Subcommands.Count: > 0 } command } =>
                $"{command.Name} needs a command: {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}.",
            _ => error.Message,
        };
    }

    /// <summary><c>leaderboard help [COMMAND]</c>: the overview, or a command's own help.</summary>
    private static Command HelpCommand()
    {
        var commandName = Options.Positional("command", "The command to explain.");
        var help = new Command("help", "Shows the overview, or a command's options.") { commandName };
        help.SetAction((result, cancellationToken) =>
        {
            var name = result.GetValue(commandName);
            if (name is null)
            {
                result.InvocationConfiguration.Output.Write(Usage);
                return Task.FromResult(ExitCodes.Ok);
            }

            return result.RootCommandResult.Command.Parse([name, "--help"]).InvokeAsync(result.InvocationConfiguration, cancellationToken);
        });
        return help;
    }

    /// <summary>The root's help is the overview of every command's usage; a command's help is System.CommandLine's.</summary>
    private sealed class OverviewHelpAction(HelpAction standard) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            if (parseResult.CommandResult.Command is RootCommand)
            {
                parseResult.InvocationConfiguration.Output.Write(Usage);
                return ExitCodes.Ok;
            }

            return standard.Invoke(parseResult);
        }
    }
}
