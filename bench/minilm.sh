#!/usr/bin/env bash
# Cost of the all-MiniLM-L6-v2 baselines (see bench/README.md): the model's load, query embedding throughput and
# each whole baseline, as the `leaderboard` command runs them (one process each, wall and CPU time, peak memory).
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out/minilm
mkdir -p "$out"
dotnet build -c Release src/Leaderboard.Cli -v quiet -nologo >/dev/null
cli=src/Leaderboard.Cli/bin/Release/net10.0/leaderboard
# One conversation: the process, the model's load and one short embedding.
head -n 1 data/musicrs/merged_final_cleaned_music_clean_queries_with_candidates_enhanced_v2_100_candidates.jsonl > "$out/one.jsonl"
run() {
    local name=$1 benchmark=$2
    /usr/bin/time -f "$name on $benchmark: %e s wall, %U s user, %S s system, %M KB peak" \
        "$cli" baseline "$name" --benchmark "$benchmark" --out "$out/$name.jsonl" >/dev/null 2>"$out/progress.txt" || { cat "$out/progress.txt"; exit 1; }
    tail -n 1 "$out/progress.txt"
}
run neighbours-minilm "$out/one.jsonl"
run neighbours-minilm musicrs
run dense-minilm musicrs
