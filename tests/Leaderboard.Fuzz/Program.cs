using SharpFuzz;

namespace Leaderboard.Fuzz;

/// <summary>
/// <c>Leaderboard.Fuzz TARGET</c> serves afl-fuzz (SharpFuzz's fork server, each input in a child
/// process so that a stack overflow is a crash, not the end of the session);
/// <c>Leaderboard.Fuzz TARGET FILE...</c> replays files and prints each outcome, to triage crashes.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
        {
            Console.Error.WriteLine($"usage: Leaderboard.Fuzz TARGET [FILE...]; targets: {string.Join(", ", FuzzTargets.All.Keys)}");
            return 2;
        }

        if (args.Length == 1)
        {
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                target(buffer.ToArray());
            });
            return 0;
        }

        var failed = 0;
        foreach (var path in args[1..])
        {
            try
            {
                target(File.ReadAllBytes(path));
                Console.WriteLine($"ok     {path}");
            }
            catch (Exception e)
            {
                failed++;
                Console.WriteLine($"CRASH  {path}\n{e}\n");
            }
        }

        return failed == 0 ? 0 : 1;
    }
}
