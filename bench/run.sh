#!/usr/bin/env bash
# Speed benchmarks of the foundation (see bench/README.md): reruns everything and prints the figures.
#   (a) parse + validate + score one full MusiCRS run in-process (BenchmarkDotNet);
#   (b) `leaderboard-eval` (Native AOT) and `leaderboard eval` on five generated shapes of TREC run
#       (bench/eval.sh, bench/trec-shapes.sh), whole process, min and median time and peak memory, with
#       `cat` of the same files as the I/O floor; trec_eval on the same files, in the same rounds, when
#       TREC_EVAL names a binary or one is on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"

command -v clang >/dev/null || { echo "installing clang (Debian package; Native AOT links with it)"; apt-get install -y clang >/dev/null; }
[ -x /usr/bin/time ] || { echo "installing GNU time (Debian package)"; apt-get install -y time >/dev/null; }

dotnet build -c Release tests/Leaderboard.Benchmarks -v quiet -nologo >/dev/null

echo "== eval --qrels, five shapes, against trec_eval 10.0 (bench/eval.sh)"
bash bench/eval.sh

echo "== (a) in-process: one MusiCRS run (BenchmarkDotNet)"
dotnet tests/Leaderboard.Benchmarks/bin/Release/net10.0/Leaderboard.Benchmarks.dll --filter '*MusicrsRunBenchmark*' --artifacts "$out/bdn" --join
