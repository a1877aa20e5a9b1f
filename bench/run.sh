#!/usr/bin/env bash
# Speed benchmarks of the foundation (see bench/README.md): reruns everything and prints the figures.
#   (a) parse + validate + score one full MusiCRS run in-process (BenchmarkDotNet);
#   (b) `leaderboard eval` on five generated shapes of TREC run (bench/trec-shapes.sh), whole process
#       (hyperfine, with `cat` of the same files as the I/O floor), and peak memory (GNU time); trec_eval
#       on the same files, in the same session, when TREC_EVAL names a binary or one is on PATH.
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

echo "== eval shapes (b)-(e) (bench/trec-shapes.sh)"
bash bench/trec-shapes.sh "$out/trec"
cp "$out/run.trec" "$out/trec/a.run"; cp "$out/qrels.txt" "$out/trec/a.qrels"

# trec_eval 10.0 is not packaged: set TREC_EVAL to a binary you built yourself, outside this repository.
trec_eval=${TREC_EVAL:-$(command -v trec_eval || true)}
for shape in a b c d e; do
  q="$out/trec/$shape.qrels"; r="$out/trec/$shape.run"
  echo "== shape ($shape): $(wc -l < "$r") run lines, $(wc -l < "$q") qrels lines"
  commands=("cat $q $r" "$cli eval --qrels $q --run $r")
  [ -n "$trec_eval" ] && commands+=("$trec_eval -m recip_rank -m recall.20 -m ndcg_cut.20 $q $r")
  # trec_eval takes minutes on (d) (its query lookup is quadratic): fewer runs there.
  runs=9; [ "$shape" = d ] && runs=3
  hyperfine --warmup 1 --runs "$runs" --export-markdown "$out/eval-$shape.md" "${commands[@]}"
  /usr/bin/time -f "leaderboard eval ($shape): peak resident set %M KB" "$cli" eval --qrels "$q" --run "$r" >/dev/null
  [ -n "$trec_eval" ] && /usr/bin/time -f "trec_eval ($shape): peak resident set %M KB" "$trec_eval" -m recip_rank -m recall.20 -m ndcg_cut.20 "$q" "$r" >/dev/null
done

echo "== (a) in-process: one MusiCRS run (BenchmarkDotNet)"
dotnet tests/Leaderboard.Benchmarks/bin/Release/net10.0/Leaderboard.Benchmarks.dll --filter '*MusicrsRunBenchmark*' --artifacts "$out/bdn" --join
