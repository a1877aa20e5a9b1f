#!/usr/bin/env bash
# `leaderboard-eval` (the Native AOT eval command) against trec_eval 10.0 on the five shapes of run
# (bench/README.md), whole process, side by side in one session: for each shape, RUNS rounds, each
# round running `cat` of both files (the I/O floor), leaderboard-eval, `leaderboard eval` (the JIT CLI)
# and trec_eval once, one after the other, so that a change of load on the machine hits all of them
# alike. Prints min and median wall time, the largest peak resident set (GNU time) and the ratios of
# medians, as a Markdown table (also written to bench/out/eval-table.md), after checking that both
# tools print the same means.
#   TREC_EVAL=/path/to/trec_eval  trec_eval 10.0, built from its public source outside this repository
#                                 (never committed here); without it only our figures are printed.
#   RUNS=9 (rounds per shape; shape (d) gets D_RUNS=3, as trec_eval takes minutes on it)
#   TREC_EVAL_SHAPES="a b c d e" (the shapes trec_eval is run on)
#   SHAPES="a b c d e" (the shapes measured)
#   LEADERBOARD_EVAL=path  a leaderboard-eval already published from this tree (skips the publish)
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out/trec"
runs=${RUNS:-9}
d_runs=${D_RUNS:-3}
trec_eval=${TREC_EVAL:-$(command -v trec_eval || true)}
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time" >&2; exit 1; }

te_shapes=${TREC_EVAL_SHAPES:-a b c d e}
native=${LEADERBOARD_EVAL:-$out/leaderboard-eval/leaderboard-eval}
echo "== building leaderboard-eval (Native AOT; needs clang) and the CLI" >&2
[ -n "${LEADERBOARD_EVAL:-}" ] || dotnet publish src/Leaderboard.Eval -c Release -o "$out/leaderboard-eval" -v quiet -nologo >/dev/null
dotnet build -c Release src/Leaderboard.Cli -v quiet -nologo >/dev/null
dotnet build -c Release tests/Leaderboard.Benchmarks -v quiet -nologo >/dev/null
cli=src/Leaderboard.Cli/bin/Release/net10.0/leaderboard

echo "== generating the shapes in $out/trec (the same files every time)" >&2
if [ ! -f "$out/trec/a.run" ]; then
  dotnet tests/Leaderboard.Benchmarks/bin/Release/net10.0/Leaderboard.Benchmarks.dll generate "$out" >/dev/null
  mv "$out/run.trec" "$out/trec/a.run"; mv "$out/qrels.txt" "$out/trec/a.qrels"
fi
[ -f "$out/trec/e.run" ] || bash bench/trec-shapes.sh "$out/trec"

# one_run NAME COMMAND...: appends "NAME seconds peak_kb" to $samples.
one_run() {
  local name=$1; shift
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$out/rss.txt" "$@" >/dev/null 2>"$out/stderr.txt" || { echo "$name failed: $(cat "$out/stderr.txt")" >&2; exit 1; }
  end=$(date +%s%N)
  echo "$name $(( (end - start) / 1000 )) $(tail -1 "$out/rss.txt")" >> "$samples"
}

# stats NAME: "min median max_rss" of NAME's samples (times in ms; POSIX awk: sorted by sort first).
stats() {
  awk -v n="$1" '$1 == n' "$samples" | sort -k2,2n | awk '{ t[++c] = $2 / 1000; if ($3 > m) m = $3 }
    END { med = (c % 2) ? t[(c + 1) / 2] : (t[c / 2] + t[c / 2 + 1]) / 2; printf "%.1f %.1f %.1f", t[1], med, m / 1024 }'
}

table=$out/eval-table.md
{
  echo "Load before: $(uptime)"
  echo
  echo "| shape | lines (run / qrels) | cat: min / median | leaderboard-eval: min / median, peak | leaderboard eval (JIT CLI): median, peak | trec_eval: min / median, peak | trec_eval ÷ leaderboard-eval (medians) |"
  echo "|---|---|---|---|---|---|---|"
} > "$table"
for shape in ${SHAPES:-a b c d e}; do
  q=$out/trec/$shape.qrels; r=$out/trec/$shape.run
  rounds=$runs; [ "$shape" = d ] && rounds=$d_runs
  samples=$out/samples-$shape.txt; : > "$samples"
  echo "== shape ($shape): $rounds rounds" >&2
  # Same means from both tools (trec_eval prints 4 decimals), checked once.
  "$native" --qrels "$q" --run "$r" > "$out/ours-$shape.txt"
  te_here=""; [[ " $te_shapes " == *" $shape "* ]] && te_here=$trec_eval
  if [ -n "$te_here" ]; then
    "$trec_eval" -m recip_rank -m recall.20 -m ndcg_cut.20 "$q" "$r" > "$out/trec_eval-$shape.txt"
    awk 'NR == FNR { ours[$1] = $3; next } { d = ours[$1] - $3; if (d > 0.00005 || d < -0.00005) { print "means differ: " $0 " against " ours[$1]; bad = 1 } } END { exit bad }' \
      "$out/ours-$shape.txt" "$out/trec_eval-$shape.txt" >&2
  fi
  for ((i = 0; i < rounds; i++)); do
    one_run cat cat "$q" "$r"
    one_run native "$native" --qrels "$q" --run "$r"
    one_run cli "$cli" eval --qrels "$q" --run "$r"
    [ -n "$te_here" ] && one_run trec_eval "$trec_eval" -m recip_rank -m recall.20 -m ndcg_cut.20 "$q" "$r"
  done
  read -r cat_min cat_med _ <<< "$(stats cat)"
  read -r n_min n_med n_rss <<< "$(stats native)"
  read -r _ c_med c_rss <<< "$(stats cli)"
  te="(not run)"; ratio="-"
  if [ -n "$te_here" ]; then
    read -r t_min t_med t_rss <<< "$(stats trec_eval)"
    te="$t_min / $t_med ms, $t_rss MB"
    ratio=$(awk -v t="$t_med" -v n="$n_med" 'BEGIN { printf "%.1f ×", t / n }')
  fi
  echo "| ($shape) | $(wc -l < "$r") / $(wc -l < "$q") | $cat_min / $cat_med ms | $n_min / $n_med ms, $n_rss MB | $c_med ms, $c_rss MB | $te | $ratio |" >> "$table"
done
echo >> "$table"
echo "Load after: $(uptime)" >> "$table"
cat "$table"
