#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser of user content, with afl-fuzz (Debian's afl++) and SharpFuzz.
#
#   tests/Leaderboard.Fuzz/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 60 s, every target)
#
# Publishes the fuzzing host, instruments the assemblies under test in that copy (never in bin/ of the
# build), then runs afl-fuzz on each target for the time given, starting from Corpus/<target> and the
# fixed findings in Findings/<target>. Prints executions per second and edges found per target, replays
# every crash through the host to show its exception, and exits 1 if any target crashed. Crash inputs
# stay in artifacts/fuzz/<target>/default/crashes: add each to Findings/<target>/ with a short name.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(validator trec-run trec-qrels wav markdown image-reference manifest bundle-files)
fi
out=${FUZZ_OUT:-$root/artifacts/fuzz}
bin=$out/bin
# Crashes are replayed by the build that is not instrumented: outside afl-fuzz, instrumented code has no
# coverage map to write to.
plain=$here/bin/Debug/net10.0

command -v afl-fuzz >/dev/null || { echo "fuzz: afl-fuzz is missing (apt-get install afl++)" >&2; exit 1; }

# Instrumenting rewrites the assemblies in place: always start from a fresh copy.
rm -rf "$out"
mkdir -p "$out"
# The test tools have their own manifest (tests/.config/dotnet-tools.json); the root one holds the leaderboard command.
(cd "$root/tests" && dotnet tool restore >/dev/null)
dotnet publish "$here/Leaderboard.Fuzz.csproj" -c Debug -o "$bin" --no-restore -nologo -v quiet >"$out/publish.log" 2>&1 \
  || { cat "$out/publish.log" >&2; exit 1; }
# Our parsers (the run-file engine's readers included), Markdig, whose parser does most of the Markdown work, and
# YamlDotNet, whose parser reads a benchmark's manifest.
for assembly in Leaderboard.Engine Leaderboard.Core Leaderboard.Baselines Leaderboard.Web Markdig YamlDotNet; do
  (cd "$root/tests" && dotnet sharpfuzz "$bin/$assembly.dll" >/dev/null)
done

export AFL_SKIP_BIN_CHECK=1          # the binary is dotnet; SharpFuzz reports the coverage
export AFL_NO_UI=1
export AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

crashed=0
printf '%-16s %8s %10s %12s %8s %6s\n' target seconds execs execs/s edges crashes
for target in "${targets[@]}"; do
  inputs=$out/$target.inputs
  mkdir -p "$inputs"
  cp "$here/Corpus/$target/"* "$inputs/"
  find "$here/Findings/$target" -maxdepth 1 -type f -exec cp {} "$inputs/" \; 2>/dev/null || true
  dictionary=$here/Dictionaries/${target%%-*}.dict
  [ "$target" = image-reference ] && dictionary=$here/Dictionaries/image-reference.dict
  # -V bounds the fuzzing; the outer timeout also bounds start-up and calibration.
  timeout $((seconds + 120)) afl-fuzz -V "$seconds" -t 5000 -m none -x "$dictionary" \
    -i "$inputs" -o "$out/$target" -- dotnet "$bin/Leaderboard.Fuzz.dll" "$target" >"$out/$target.log" 2>&1 \
    || { echo "fuzz: afl-fuzz failed on $target:" >&2; tail -n 30 "$out/$target.log" >&2; exit 1; }
  stats=$out/$target/default/fuzzer_stats
  stat() { awk -F' *: *' -v key="$1" '$1 == key { print $2 }' "$stats"; }
  printf '%-16s %8s %10s %12s %8s %6s\n' "$target" "$(stat run_time)" "$(stat execs_done)" "$(stat execs_per_sec)" \
    "$(stat edges_found)" "$(stat saved_crashes)"
  mapfile -t crashes < <(find "$out/$target/default/crashes" -name 'id:*' -type f | sort)
  if [ ${#crashes[@]} -gt 0 ]; then
    crashed=1
    echo "fuzz: $target crashed on ${#crashes[@]} input(s); their exceptions:"
    dotnet "$plain/Leaderboard.Fuzz.dll" "$target" "${crashes[@]}" | grep -v '^ok ' | head -n 60 || true
  fi
done
exit "$crashed"
