using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Trec;

namespace Leaderboard.Cli;

/// <summary>Entry point of the <c>leaderboard</c> command, separate from Main so tests can run it in-process.</summary>
internal static class CliApp
{
    public const string Usage = """
        leaderboard: validate and score MusiCRS runs exactly as the portal does.

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
              the query, --with-post adds the post, against candidate names) or neighbours (transductive:
              uses other conversations' answers).
          leaderboard baseline clap --benchmark B --model DIR [--audio DIR] --track TRACK --out FILE
              The CLAP-compatible ONNX baseline on one track (audio-only, query-only, audio+query): DIR
              holds text_model.onnx, audio_model.onnx, vocab.json, merges.txt, preprocessor_config.json;
              the audio folder holds <conversation id>/*.wav.
          leaderboard team create --name NAME [--data-dir DIR]
              For organizers: a new team in the portal's database and its API token, printed once.
              DIR defaults to the portal's (src/Leaderboard.Web/portal-data, from the repository root).
          leaderboard admin create --email EMAIL [--data-dir DIR]
              For organizers: an organizer account with a one-time password, printed once (it must be
              changed at the first sign-in). For an existing account: makes it an organizer, new password.

        B is 'musicrs' (the released data shipped with this tool) or a path to a file in its format.
        Runs: TREC (conversation_id Q0 candidate_id rank score tag), JSON Lines
        ({"conversation_id": ..., "ranking": [ids or names]}) or the MusiCRS repository's
        {"name": ..., "predicted": [names]}; plain or gzip.
        Exit codes: 0 ok, 1 invalid run, 2 wrong command line, 3 unreadable or malformed input,
        4 files that trec_eval refuses to evaluate (eval --qrels: a qrels query missing from the run
        without --complete, a document retrieved or judged twice, a query judged only negatively).

        """;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count == 0 || args[0] is "help" or "--help" or "-h")
        {
            stdout.Write(Usage);
            return args.Count == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        var rest = args.Skip(1).ToList();
        try
        {
            return args[0] switch
            {
                "eval" => EvalCommand.Run(rest, stdout),
                "validate" => ValidateCommand.Run(rest, stdout),
                "export" => ExportCommand.Run(rest, stdout),
                "baseline" => BaselineCommand.Run(rest, stdout),
                "team" => TeamCommand.RunAsync(rest, stdout).GetAwaiter().GetResult(),
                "admin" => AdminCommand.RunAsync(rest, stdout).GetAwaiter().GetResult(),
                _ => throw new UsageException($"Unknown command '{args[0]}'."),
            };
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"leaderboard: {ex.Message}");
            stderr.WriteLine("Run 'leaderboard help' for usage.");
            return ExitCodes.Usage;
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
}
