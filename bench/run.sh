#!/usr/bin/env bash
# Speed benchmarks of the foundation (see bench/README.md): reruns everything and prints the figures.
#   (a) parse + validate + score one full MusiCRS run in-process (BenchmarkDotNet);
#   (b) `leaderboard eval` on a generated 10,000-query x 100-document TREC run, whole process
#       (hyperfine), and its peak memory (GNU time); trec_eval on the same files when it is on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"

command -v hyperfine >/dev/null || { echo "installing hyperfine (Debian package)"; apt-get install -y hyperfine >/dev/null; }
[ -x /usr/bin/time ] || { echo "installing GNU time (Debian package)"; apt-get install -y time >/dev/null; }

dotnet build -c Release src/Leaderboard.Cli -v quiet -nologo >/dev/null
dotnet build -c Release tests/Leaderboard.Benchmarks -v quiet -nologo >/dev/null
cli=src/Leaderboard.Cli/bin/Release/net10.0/leaderboard

echo "== (b) generating the synthetic run and qrels in $out"
dotnet tests/Leaderboard.Benchmarks/bin/Release/net10.0/Leaderboard.Benchmarks.dll generate "$out"
ls -l "$out/run.trec" "$out/qrels.txt"

echo "== (b) whole process: leaderboard eval"
commands=("$cli eval --qrels $out/qrels.txt --run $out/run.trec")
if command -v trec_eval >/dev/null; then
  commands+=("trec_eval -m recall.20 -m ndcg_cut.20 -m recip_rank $out/qrels.txt $out/run.trec")
else
  echo "(trec_eval is not on PATH: no Debian package exists; compare with its reference figure in bench/README.md)"
fi
hyperfine --warmup 2 --runs 15 --export-markdown "$out/eval-speed.md" "${commands[@]}"

echo "== (b) peak memory of leaderboard eval"
/usr/bin/time -f "peak resident set: %M KB, wall: %e s" "$cli" eval --qrels "$out/qrels.txt" --run "$out/run.trec" >/dev/null

echo "== (a) in-process: one MusiCRS run (BenchmarkDotNet)"
dotnet tests/Leaderboard.Benchmarks/bin/Release/net10.0/Leaderboard.Benchmarks.dll --filter '*MusicrsRunBenchmark*' --artifacts "$out/bdn" --join
